import { organizations } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `organizations` rows as `organization` objects: the org is the row itself. */
export const organizationColumns: ColumnMap = { id: organizations.id, org: organizations.id };
