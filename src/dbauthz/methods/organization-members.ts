import type { RawStore } from '../../../db/queries/index.ts';
import { organizationMembers } from '../../../db/schema/index.ts';
import { filterAnd } from '../../sql/combine-filters.ts';
import type { CallContext } from '../call-context.ts';
import { authorizeOrgRoleChange } from '../checks/authorize-org-role-change.ts';
import { inputRoleNames } from '../checks/authorize-role-change.ts';
import { requireMatch } from '../checks/require-match.ts';
import { sameRoleSet } from '../checks/same-role-set.ts';
import {
  organizationMemberColumns,
  organizationMemberObject,
} from '../resources/organization-members.ts';
import { userObject } from '../resources/users.ts';
import { PREBUILDS_USER_ID, SYSTEM_ACTOR_ID } from '../system-actors/system-actors.ts';
import { casWrite } from '../wrappers/cas-write.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { custom } from '../wrappers/ordered-checks.ts';

/** A membership write's guard: the actor's `action` filter, and the roles still those it read. */
const rolesGuard = (ctx: CallContext<RawStore>, action: 'read' | 'delete', roles: string[]) =>
  filterAnd(
    ctx.filter(action, 'organization_member', organizationMemberColumns),
    sameRoleSet(organizationMembers.roles, roles),
  );

/** The membership a write names: only its key goes to the lookup (which refuses other fields). */
const memberByKey = (raw: RawStore, input: { organizationId: string; userId: string }) =>
  raw.getOrganizationMember({ organizationId: input.organizationId, userId: input.userId });

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
   * `default_org_member_roles` apply, which whoever may update the org chose. A system actor
   * (`asSystemRestricted`) adds only the prebuilds system user (reason `mismatch` otherwise).
   */
  insertOrganizationMember: custom(async (ctx, call, input) => {
    const roles = input.roles === undefined ? undefined : inputRoleNames(input.roles);
    const object = organizationMemberObject(input);
    if (ctx.actor.id === SYSTEM_ACTOR_ID) {
      requireMatch(ctx, input.userId === PREBUILDS_USER_ID, 'create', object);
    }
    ctx.authorize('create', object);
    if (roles !== undefined) await authorizeOrgRoleChange(ctx, input.organizationId, [], roles);
    return call(input);
  }),
  /**
   * `delete` on the membership, then ONLY AS AN UNASSIGN of every role it holds: deleting and
   * re-adding someone must not strip roles the actor could not unassign (e.g. an org user admin
   * removing an organization-admin). Unassigning needs no knowledge of the role, so no name lookup.
   */
  deleteOrganizationMember: custom(async (ctx, call, input) => {
    const member = await ctx.fetch(memberByKey(ctx.raw, input), 'delete');
    ctx.authorize('delete', organizationMemberObject(member));
    await authorizeOrgRoleChange(ctx, member.organizationId, member.roles, []);
    return casWrite(rolesGuard(ctx, 'delete', member.roles), call, input);
  }),
  /**
   * Read the membership, then the change: `assign`/`unassign` on `assign_org_role` in that org and
   * the assignability table for each added or removed role (a write that changes nothing is
   * checked as assigning every role it writes); unknown added names are rejected. The write
   * compares-and-sets the roles read, under the `read` filter: changed meanwhile (a concurrent
   * revoke, say), it writes nothing and fails with `serialization_failure`.
   */
  updateOrganizationMemberRoles: custom(async (ctx, call, input) => {
    const wanted = inputRoleNames(input.roles);
    const member = await ctx.fetch(memberByKey(ctx.raw, input), 'read');
    ctx.authorize('read', organizationMemberObject(member));
    await authorizeOrgRoleChange(ctx, member.organizationId, member.roles, wanted);
    return casWrite(rolesGuard(ctx, 'read', member.roles), call, input);
  }),
  /**
   * A user's memberships in every org: for system actors (site `organization_member` read) or
   * the user themselves (`read_personal` on their user, which members hold only for themselves).
   */
  getOrganizationMembershipsOfUser: custom(async (ctx, call, input) => {
    if (!ctx.can('read', { type: 'organization_member' })) {
      ctx.authorize('read_personal', userObject({ id: input.userId }));
    }
    return call(input);
  }),
} satisfies Declarations<RawStore>;
