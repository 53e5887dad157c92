import type { Group } from '../../../db/types.ts';
import type { AclMap, RbacObject } from '../../rbac/types.ts';

/**
 * The group ACL of a group's member rows: members of an explicit group may read its members. The
 * Everyone group grants nothing extra (its members are the org's members, whose visibility the
 * roles decide, e.g. none under `shareable_workspace_owners = none`).
 */
export function groupMemberAcl(group: Pick<Group, 'id' | 'organizationId'>): AclMap {
  return group.id === group.organizationId ? {} : { [group.id]: ['read'] };
}

/** One member of a group as an RBAC object: in the group's org, owned by the member. */
export function groupMemberObject(
  group: Pick<Group, 'id' | 'organizationId'>,
  userId: string,
): RbacObject {
  return {
    type: 'group_member',
    id: userId,
    owner: userId,
    org: group.organizationId,
    aclGroups: groupMemberAcl(group),
  };
}
