import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { isOrgRoleName, RoleNames } from '../../rbac/role-names.ts';
import type { CallContext } from '../call-context.ts';
import { assignOrgRoleObject } from '../resources/custom-roles.ts';
import { authorizeRoleChange, roleWriteChange } from './authorize-role-change.ts';

const inOrg = (roles: readonly string[], org: string) => roles.map((name) => ({ name, org }));

/**
 * Rejects (`InvalidInputError` on `field`) added role names that are neither built-in org roles
 * nor custom roles of this org; custom roles are looked up only when some added name is not built in.
 */
async function assertKnownOrgRoles(
  ctx: CallContext<RawStore>,
  org: string,
  names: string[],
  field: string,
) {
  const custom = names.filter((name) => !isOrgRoleName(name));
  if (custom.length === 0) return;
  const found = await ctx.raw.getCustomRolesByNames({
    roles: custom.map((name) => ({ organizationId: org, name })),
  });
  const known = new Set(found.map((role) => role.name.toLowerCase()));
  const unknown = custom.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) {
    throw new InvalidInputError(field, `not a role of this organization: ${unknown.join(', ')}`);
  }
}

/**
 * An org role change from `before` to `after` in `org`: added names must be known (built in or a
 * custom role of the org), then the delta on `assign_org_role` in the org and the assignability
 * table (`authorizeRoleChange`). Used for member roles and for an org's default member roles.
 */
export async function authorizeOrgRoleChange(
  ctx: CallContext<RawStore>,
  org: string,
  before: readonly string[],
  after: readonly string[],
  field = 'roles',
): Promise<void> {
  // `organization-member` is implied by membership: never part of a change.
  const change = roleWriteChange(inOrg(before, org), inOrg(after, org), {
    name: RoleNames.orgMember,
    org,
  });
  await assertKnownOrgRoles(
    ctx,
    org,
    change.added.map((role) => role.name),
    field,
  );
  authorizeRoleChange(ctx as CallContext<unknown>, assignOrgRoleObject(org), change);
}
