import { sql } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import type { Group } from '../../../db/types.ts';
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
