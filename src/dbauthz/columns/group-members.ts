import { sql } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Group } from '../../../db/types.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import { groupMemberAcl } from '../objects/group-member.ts';

/**
 * The member rows of one group (filter table `users`) as `group_member` objects: the user owns the
 * row, the org and the ACL are the group's, bound as parameters.
 */
export function groupMemberColumns(group: Pick<Group, 'id' | 'organizationId'>): ColumnMap {
  return {
    id: users.id,
    owner: users.id,
    org: { sql: sql`${group.organizationId}::uuid`, kind: 'uuid', nullable: false },
    aclGroups: sql`${JSON.stringify(groupMemberAcl(group))}::jsonb`,
  };
}
