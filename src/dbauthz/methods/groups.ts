import { notInGroupOrganization } from '../../../db/queries/groups.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import type { Group } from '../../../db/types.ts';
import { hasErrorCode } from '../../rbac/errors.ts';
import { NONE } from '../../sql/filter-result.ts';
import type { CallContext } from '../call-context.ts';
import { groupMemberColumns, groupMemberObject } from '../resources/group-members.ts';
import { groupColumns, groupObject } from '../resources/groups.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredList } from '../wrappers/filtered-list.ts';
import { filteredCountOf, filteredListOf } from '../wrappers/filtered-list-of.ts';
import { guardedWrite, rowGuard } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

const groupOfMember = (raw: RawStore, input: { groupId: string }) =>
  raw.getGroupById({ id: input.groupId });

/**
 * The `group_member` read filter over one group's member rows (table `users`), in the group's org.
 * A missing group filters to nothing, as a group the actor may not see does: both answer `[]`/0.
 */
async function membersFilter(input: { groupId: string }, ctx: CallContext<RawStore>) {
  let group: Group;
  try {
    group = await ctx.raw.getGroupById({ id: input.groupId });
  } catch (error) {
    if (hasErrorCode(error, 'not_found')) return NONE;
    throw error;
  }
  // An actor who could not read even their own membership row in the group's org (no role
  // there, no site-wide grant) sees no row: answered with no further query, exactly as a missing
  // group is, so the number of statements does not tell an outsider that the group exists.
  if (!ctx.can('read', groupMemberObject(group, ctx.actor.id))) return NONE;
  return ctx.filter('read', 'group_member', groupMemberColumns(group));
}

/** Authorization of the groups area (domain.md: groups). */
export const groupsMethods = {
  getGroupById: fetchThenAuthorize('read', groupObject),
  getGroupByName: fetchThenAuthorize('read', groupObject),
  listGroups: filteredList('read', 'group', groupColumns),
  insertGroup: authorizeArgs('create', (input: { organizationId: string }) => ({
    type: 'group',
    org: input.organizationId,
  })),
  /** Guarded writes: the actor's filter rides in the statement that writes the group. */
  updateGroup: guardedWrite('update', rowGuard('update', 'group', groupColumns)),
  deleteGroup: guardedWrite('delete', rowGuard('delete', 'group', groupColumns)),
  /**
   * Membership changes are `group` update (as Coder). A new member must be a member of the
   * group's org (else `InvalidInputError` on `userId`, after the check: only a caller who may
   * update the group learns whether that user is in its org). The lookup answers a non-member
   * early; the INSERT decides again under a lock on the membership row, so a removal committed
   * meanwhile gets the same error and never leaves a group row behind.
   */
  insertGroupMember: custom(async (ctx, call, input) => {
    const group = await ctx.fetch(groupOfMember(ctx.raw, input), 'update');
    ctx.authorize('update', groupObject(group));
    try {
      await ctx.raw.getOrganizationMember({
        organizationId: group.organizationId,
        userId: input.userId,
      });
    } catch (error) {
      if (!hasErrorCode(error, 'not_found')) throw error;
      throw notInGroupOrganization({ cause: error });
    }
    return call(input);
  }),
  /** `update` on the group, decided in the DELETE (guarded through the member's group row). */
  deleteGroupMember: guardedWrite('update', rowGuard('update', 'group', groupColumns)),
  listGroupMembers: filteredListOf(membersFilter),
  countGroupMembers: filteredCountOf(membersFilter),
  /**
   * A user's groups: `group_member` read on that user's memberships (in the given org, else at
   * site level): system actors and site readers, org admins for their org, the user themselves.
   */
  getGroupsOfUser: authorizeArgs('read', (input: { userId: string; organizationId?: string }) => ({
    type: 'group_member',
    id: input.userId,
    owner: input.userId,
    ...(input.organizationId === undefined ? {} : { org: input.organizationId }),
  })),
} satisfies Declarations<RawStore>;
