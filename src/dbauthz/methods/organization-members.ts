import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { roleChangeDelta } from '../../rbac/assign.ts';
import { isOrgRoleName, RoleNames } from '../../rbac/role-names.ts';
import type { CallContext } from '../call-context.ts';
import { organizationMemberColumns } from '../columns/organization-members.ts';
import { assignOrgRoleObject } from '../objects/assign-org-role.ts';
import { organizationMemberObject } from '../objects/organization-member.ts';
import { userObject } from '../objects/user.ts';
import { authorizeRoleChange, inputRoleNames } from '../wrappers/authorize-role-change.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { custom } from '../wrappers/ordered-checks.ts';
import type { InputOf, OutputOf } from '../wrappers/raw-io.ts';

type In<K extends keyof RawStore> = InputOf<RawStore, K>;
type Out<K extends keyof RawStore> = OutputOf<RawStore, K>;

/** `organization-member` is implied by membership: on both sides of a change, never in its delta. */
const withOrgMember = (roles: readonly string[], org: string) =>
  [...roles, RoleNames.orgMember].map((name) => ({ name, org }));

/**
 * Rejects (`InvalidInputError`) added role names that are neither built-in org roles nor custom
 * roles of this org; custom roles are looked up only when some added name is not built in.
 */
async function assertKnownOrgRoles(ctx: CallContext<RawStore>, org: string, names: string[]) {
  const custom = names.filter((name) => !isOrgRoleName(name));
  if (custom.length === 0) return;
  const found = await ctx.raw.getCustomRolesByNames({
    roles: custom.map((name) => ({ organizationId: org, name })),
  });
  const known = new Set(found.map((role) => role.name.toLowerCase()));
  const unknown = custom.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) {
    throw new InvalidInputError('roles', `not a role of this organization: ${unknown.join(', ')}`);
  }
}

/** Checks an org role change: known names, then the delta on `assign_org_role` in the org. */
async function authorizeOrgRoleChange(
  ctx: CallContext<RawStore>,
  org: string,
  before: readonly string[],
  after: readonly string[],
) {
  const change = roleChangeDelta(withOrgMember(before, org), withOrgMember(after, org));
  await assertKnownOrgRoles(
    ctx,
    org,
    change.added.map((role) => role.name),
  );
  authorizeRoleChange(ctx as CallContext<unknown>, assignOrgRoleObject(org), change);
}

const memberByKey = (raw: RawStore, input: { organizationId: string; userId: string }) =>
  raw.getOrganizationMember(input);

/** Authorization of the organization members area (domain.md: members). */
export const organizationMembersMethods = {
  getOrganizationMember: fetchThenAuthorize('read', organizationMemberObject),
  /**
   * SQL filter rather than one org-level check: visibility can differ per row (a member whose org
   * denies member reads, `shareable_workspace_owners = none`, still sees their own row), and paging
   * and counts stay exact.
   */
  listOrganizationMembers: filteredList('read', 'organization_member', organizationMemberColumns),
  countOrganizationMembers: filteredCount('read', 'organization_member', organizationMemberColumns),
  /**
   * `organization_member` create in the org; explicit `roles` are also checked as added roles (so an
   * insert is no side door around assignability). Without them the org's own
   * `default_org_member_roles` apply, which whoever may update the org chose.
   */
  insertOrganizationMember: custom<
    RawStore,
    In<'insertOrganizationMember'>,
    Out<'insertOrganizationMember'>
  >(async (ctx, call, input) => {
    const roles = input.roles === undefined ? undefined : inputRoleNames(input.roles);
    ctx.authorize('create', organizationMemberObject(input));
    if (roles !== undefined) await authorizeOrgRoleChange(ctx, input.organizationId, [], roles);
    return call(input);
  }),
  deleteOrganizationMember: fetchThenMutate(memberByKey, 'delete', organizationMemberObject),
  /**
   * Read the membership (it is returned), then ONLY THE DELTA: `assign`/`unassign` on
   * `assign_org_role` in that org and the assignability table for each added or removed role;
   * unknown added names are rejected. Roles kept unchanged are never checked.
   */
  updateOrganizationMemberRoles: custom<
    RawStore,
    In<'updateOrganizationMemberRoles'>,
    Out<'updateOrganizationMemberRoles'>
  >(async (ctx, call, input) => {
    const wanted = inputRoleNames(input.roles);
    const member = await ctx.fetch(ctx.raw.getOrganizationMember(input), 'read');
    ctx.authorize('read', organizationMemberObject(member));
    await authorizeOrgRoleChange(ctx, member.organizationId, member.roles, wanted);
    return call(input);
  }),
  /**
   * A user's memberships in every org: for system actors (site `organization_member` read) or
   * the user themselves (`read_personal` on their user, which members hold only for themselves).
   */
  getOrganizationMembershipsOfUser: custom<
    RawStore,
    In<'getOrganizationMembershipsOfUser'>,
    Out<'getOrganizationMembershipsOfUser'>
  >(async (ctx, call, input) => {
    if (!ctx.can('read', { type: 'organization_member' })) {
      ctx.authorize('read_personal', userObject({ id: input.userId }));
    }
    return call(input);
  }),
} satisfies Declarations<RawStore>;
