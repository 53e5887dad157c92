import { sql } from 'drizzle-orm';
import { workspaces } from '../../../db/schema/index.ts';
import type { Action } from '../../rbac/catalogue.ts';
import { filterAnd, filterOr } from '../../sql/combine-filters.ts';
import { type FilterResult, filterWhere } from '../../sql/filter-result.ts';
import { flattenFilter } from '../../sql/flatten-filter.ts';
import type { FilterBuilder } from '../wrappers/filtered-list.ts';
import { dormantWorkspaceColumns, workspaceColumns } from './workspaces.ts';

const isLive = filterWhere(sql`${workspaces.dormantAt} is null`);
const isDormant = filterWhere(sql`${workspaces.dormantAt} is not null`);

/** The split filters built so far, per (live, dormant) pair of (cached, shared) filters. */
const splits = new WeakMap<FilterResult, WeakMap<FilterResult, FilterResult>>();

/** `(dormant_at is null and live) or (dormant_at is not null and dormant)`, built once per pair. */
function split(live: FilterResult, dormant: FilterResult): FilterResult {
  let byDormant = splits.get(live);
  if (byDormant === undefined) {
    byDormant = new WeakMap();
    splits.set(live, byDormant);
  }
  let result = byDormant.get(dormant);
  if (result === undefined) {
    // Flattened once, so each query renders one flat fragment, not the nested tree and columns.
    result = flattenFilter(filterOr(filterAnd(isLive, live), filterAnd(isDormant, dormant)));
    byDormant.set(dormant, result);
  }
  return result;
}

/**
 * The filter for `action` over workspaces, whose RBAC type depends on the row: live rows must pass
 * the `workspace` predicate, dormant rows the `workspace_dormant` one, compiled without the ACL
 * columns (a dormant workspace carries no ACL). When both are the same
 * filter (`ctx.filter` gives one shared result for equal predicates, and `all` and `none` are
 * singletons) it is used as it is: `(null and P) or (not null and P)` is `P`, and a single `P`
 * lets PostgreSQL drive one index scan instead of a BitmapOr.
 */
export function workspaceFilter(action: Action): FilterBuilder {
  return (ctx) => {
    const live = ctx.filter(action, 'workspace', workspaceColumns);
    const dormant = ctx.filter(action, 'workspace_dormant', dormantWorkspaceColumns);
    return live === dormant ? live : split(live, dormant);
  };
}
