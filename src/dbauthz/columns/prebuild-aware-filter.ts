import { eq, sql } from 'drizzle-orm';
import { workspaces } from '../../../db/schema/index.ts';
import type { Action } from '../../rbac/catalogue.ts';
import { filterAnd, filterOr } from '../../sql/combine-filters.ts';
import { type FilterResult, filterWhere } from '../../sql/filter-result.ts';
import { flattenFilter } from '../../sql/flatten-filter.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import type { FilterBuilder } from '../wrappers/filtered-list.ts';
import { dormantWorkspaceColumns, workspaceColumns, workspaceFilter } from './workspaces.ts';

const ownedByPrebuilds = filterWhere(eq(workspaces.ownerId, PREBUILDS_USER_ID));
const isLiveRow = filterWhere(sql`${workspaces.dormantAt} is null`);
const isDormantRow = filterWhere(sql`${workspaces.dormantAt} is not null`);

/**
 * The filter twin of `prebuildAwareTarget`: rows the actor may do `action` on as workspaces, or,
 * for rows the prebuilds system user owns, `prebuiltAction` on them as `prebuilt_workspace`
 * objects (with the ACL of a live row, none for a dormant one). Used as the guard of writes.
 */
export function prebuildAwareFilter(action: Action, prebuiltAction: Action): FilterBuilder {
  const asWorkspace = workspaceFilter(action);
  return (ctx) => {
    const workspace = asWorkspace(ctx);
    const live = ctx.filter(prebuiltAction, 'prebuilt_workspace', workspaceColumns);
    const dormant = ctx.filter(prebuiltAction, 'prebuilt_workspace', dormantWorkspaceColumns);
    return composed(workspace, live, dormant);
  };
}

// Guards composed so far, by the identity of their (cached, shared) parts: a subject's guard is
// built and flattened once, so each write pays only for rendering one flat fragment.
const guards = new WeakMap<
  FilterResult,
  WeakMap<FilterResult, WeakMap<FilterResult, FilterResult>>
>();

function composed(workspace: FilterResult, live: FilterResult, dormant: FilterResult) {
  let byLive = guards.get(workspace);
  if (byLive === undefined) {
    byLive = new WeakMap();
    guards.set(workspace, byLive);
  }
  let byDormant = byLive.get(live);
  if (byDormant === undefined) {
    byDormant = new WeakMap();
    byLive.set(live, byDormant);
  }
  let guard = byDormant.get(dormant);
  if (guard === undefined) {
    const asPrebuilt =
      live === dormant
        ? live
        : filterOr(filterAnd(isLiveRow, live), filterAnd(isDormantRow, dormant));
    guard = flattenFilter(filterOr(workspace, filterAnd(ownedByPrebuilds, asPrebuilt)));
    byDormant.set(dormant, guard);
  }
  return guard;
}
