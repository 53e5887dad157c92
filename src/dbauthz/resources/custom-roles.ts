import { customRoles } from '../../../db/schema/index.ts';
import type { RbacObject } from '../../rbac/types.ts';
import { defineResource } from './define-resource.ts';

/**
 * `custom_roles` rows as `assign_org_role` objects: role administration in the role's org, where
 * only the org matters (no id, no owner).
 */
export const customRoleResource = defineResource({
  type: 'assign_org_role',
  table: customRoles,
  columns: { org: 'organizationId' },
});

/** The column map of `custom_roles` (from `customRoleResource`). */
export const customRoleColumns = customRoleResource.columns;

/** Role administration in one org (custom roles, org role assignment): `assign_org_role` in it. */
export function assignOrgRoleObject(organizationId: string): RbacObject {
  return customRoleResource.object({ organizationId });
}
