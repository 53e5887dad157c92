import { sql } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Group } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/**
 * The member rows of one group (filter table `users`) as `group_member` objects: the user owns the
 * row, the org is the group's (a parameter); no ACL columns, as `groupMemberObject`.
 */
export function groupMemberColumns(group: Pick<Group, 'organizationId'>): ColumnMap {
  return {
    id: users.id,
    owner: users.id,
    org: { sql: sql`${group.organizationId}::uuid`, kind: 'uuid', nullable: false },
  };
}

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
