import type { Group } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/**
 * A group as an RBAC object: in its org, with a group ACL letting the group's own members read it
 * (as Coder's `Group.RBACObject`; for the Everyone group, whose id is the org id, every member).
 */
export function groupObject(group: Pick<Group, 'id' | 'organizationId'>): RbacObject {
  return {
    type: 'group',
    id: group.id,
    org: group.organizationId,
    aclGroups: { [group.id]: ['read'] },
  };
}
