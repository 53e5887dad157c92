import { sql } from 'drizzle-orm';
import { workspaces } from '../../../db/schema/index.ts';
import type { Action } from '../../rbac/catalogue.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import { filterAnd, filterOr } from '../../sql/combine-filters.ts';
import { ALL, filterWhere } from '../../sql/filter-result.ts';
import type { FilterBuilder } from '../wrappers/filtered-list.ts';

/** `workspaces` rows as workspace objects: owner, org, user and group ACLs. */
export const workspaceColumns: ColumnMap = {
  id: workspaces.id,
  owner: workspaces.ownerId,
  org: workspaces.organizationId,
  aclUsers: workspaces.userAcl,
  aclGroups: workspaces.groupAcl,
};

/**
 * The filter for `action` over workspaces, whose RBAC type depends on the row: live rows must pass
 * the `workspace` predicate, dormant rows the `workspace_dormant` one.
 */
export function workspaceFilter(action: Action): FilterBuilder {
  return (ctx) => {
    const live = ctx.filter(action, 'workspace', workspaceColumns);
    const dormant = ctx.filter(action, 'workspace_dormant', workspaceColumns);
    if (live.kind === 'all' && dormant.kind === 'all') return ALL;
    return filterOr(
      filterAnd(filterWhere(sql`${workspaces.dormantAt} is null`), live),
      filterAnd(filterWhere(sql`${workspaces.dormantAt} is not null`), dormant),
    );
  };
}
