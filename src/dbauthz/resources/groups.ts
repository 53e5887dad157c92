import { sql } from 'drizzle-orm';
import { groups } from '../../../db/schema/index.ts';
import type { Group } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import type { ResourceBinding } from './define-resource.ts';

/** `groups` rows as `group` objects: in the org, each readable by its own members (group ACL). */
export const groupColumns: ColumnMap = {
  id: groups.id,
  org: groups.organizationId,
  aclGroups: sql`jsonb_build_object(${groups.id}::text, '["read"]'::jsonb)`,
};

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

/** `groups` bound by hand: the group ACL is computed from the row's id, not read from a column. */
export const groupResource: ResourceBinding<
  Pick<Group, 'id' | 'organizationId'>,
  typeof groups
> = Object.freeze({ type: 'group', table: groups, columns: groupColumns, object: groupObject });
