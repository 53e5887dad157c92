import { connectionLogs } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/**
 * `connection_logs` rows as `connection_log` objects in their org (as Coder): site readers see
 * every row, org auditors and org admins their org's. No owner column: a workspace owner's
 * user-level grant never reaches these rows.
 */
export const connectionLogColumns: ColumnMap = {
  id: connectionLogs.id,
  org: connectionLogs.organizationId,
};
