import { eq, sql } from 'drizzle-orm';
import { workspaces } from '../../../db/schema/index.ts';
import type { Action } from '../../rbac/catalogue.ts';
import { filterAnd, filterOr } from '../../sql/combine-filters.ts';
import { type FilterResult, filterWhere, NONE } from '../../sql/filter-result.ts';
import { flattenFilter } from '../../sql/flatten-filter.ts';
import { predicateImplies } from '../../sql/predicate-implies.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import type { FilterBuilder } from '../wrappers/filtered-list.ts';
import { workspaceFilter } from './workspace-filter.ts';
import { dormantWorkspaceColumns, workspaceColumns } from './workspaces.ts';

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
    // Whether a live row the prebuilt form admits is one the workspace form admits anyway (a
    // member's prebuilt grants come from the ACL, which the workspace form reads too): asked
    // only when a guard is built, and only a proof drops the arm.
    const liveImplied = () => {
      const prebuilt = ctx.predicate?.(prebuiltAction, 'prebuilt_workspace');
      const asWorkspace = ctx.predicate?.(action, 'workspace');
      return (
        prebuilt !== undefined &&
        asWorkspace !== undefined &&
        predicateImplies(prebuilt, asWorkspace)
      );
    };
    return composed(workspace, live, dormant, liveImplied);
  };
}

// Guards composed so far, by the identity of their (cached, shared) parts: a subject's guard is
// built and flattened once, so each write pays only for rendering one flat fragment. The parts
// determine the predicates (`ctx.filter` hands out one result per predicate), so the implication
// asked while building is the same for every later call with these parts.
const guards = new WeakMap<
  FilterResult,
  WeakMap<FilterResult, WeakMap<FilterResult, FilterResult>>
>();

function composed(
  workspace: FilterResult,
  live: FilterResult,
  dormant: FilterResult,
  liveImplied: () => boolean,
) {
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
    guard = flattenFilter(
      filterOr(workspace, filterAnd(ownedByPrebuilds, prebuiltArm(live, dormant, liveImplied))),
    );
    byDormant.set(dormant, guard);
  }
  return guard;
}

/**
 * What the prebuilt form adds for rows the prebuilds user owns: its live filter on live rows
 * (left out when the workspace form already admits every such row) and its dormant filter on
 * dormant rows. One shared filter for both is used as it is.
 */
function prebuiltArm(live: FilterResult, dormant: FilterResult, liveImplied: () => boolean) {
  const implied = live.kind === 'where' && liveImplied();
  if (!implied && live === dormant) return live;
  const livePart = implied ? NONE : filterAnd(isLiveRow, live);
  return filterOr(livePart, filterAnd(isDormantRow, dormant));
}
