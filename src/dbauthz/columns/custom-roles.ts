import { customRoles } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `custom_roles` rows as `assign_org_role` objects: only their org matters. */
export const customRoleColumns: ColumnMap = { org: customRoles.organizationId };
