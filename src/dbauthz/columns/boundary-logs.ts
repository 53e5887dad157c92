import { boundaryLogs } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/**
 * `boundary_logs` rows as `boundary_log` objects: owned by the workspace owner and, like the object
 * checked at insert (`boundaryLogObject`), without an org, so the filter and the check agree.
 */
export const boundaryLogColumns: ColumnMap = { id: boundaryLogs.id, owner: boundaryLogs.ownerId };
