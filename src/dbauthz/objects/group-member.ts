import type { Group } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/**
 * One member of a group as an RBAC object: in the group's org, owned by the member, with no ACL
 * (as Coder's group member object). A member sees their own row; every row needs `group_member`
 * read in the org (org admins, user admins, auditors, template admins).
 */
export function groupMemberObject(
  group: Pick<Group, 'organizationId'>,
  userId: string,
): RbacObject {
  return { type: 'group_member', id: userId, owner: userId, org: group.organizationId };
}
