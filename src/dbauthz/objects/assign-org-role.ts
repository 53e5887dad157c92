import type { RbacObject } from '../../rbac/types.ts';

/** Role administration in one org (custom roles, org role assignment): `assign_org_role` in it. */
export function assignOrgRoleObject(organizationId: string): RbacObject {
  return { type: 'assign_org_role', org: organizationId };
}
