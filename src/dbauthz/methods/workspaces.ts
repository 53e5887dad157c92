import { sql } from 'drizzle-orm';
import type { RawStore } from '../../../db/queries/index.ts';
import { templates, workspaces } from '../../../db/schema/index.ts';
import type { Action } from '../../rbac/catalogue.ts';
import { filterAnd } from '../../sql/combine-filters.ts';
import { type FilterResult, filterWhere } from '../../sql/filter-result.ts';
import type { CallContext } from '../call-context.ts';
import { type AclInput, aclGrantedActions } from '../checks/acl-grants.ts';
import { requireMatch } from '../checks/require-match.ts';
import { prebuildAwareFilter } from '../resources/prebuild-aware-filter.ts';
import { templateColumns } from '../resources/templates.ts';
import { fetchWorkspace } from '../resources/workspace-builds.ts';
import { workspaceFilter } from '../resources/workspace-filter.ts';
import { workspaceObject } from '../resources/workspaces.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { guardedWrite, guardOf, runGuarded } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;

const asAny = (ctx: Ctx) => ctx as CallContext<unknown>;

/**
 * A guard over `workspaces` rows: their live template passes `use` (none stays none), the template
 * row share-locked so a change to its grants cannot commit under the write (nor go unseen by a
 * repeatable-read transaction: it fails and retries).
 */
function templateOfRowPasses(use: FilterResult): FilterResult {
  if (use.kind === 'none') return use;
  const passes = use.kind === 'where' ? sql` and ${use.sql}` : sql``;
  return filterWhere(
    sql`exists (select 1 from ${templates} where ${templates.id} = ${workspaces.templateId} and ${templates.deleted} = false${passes} for share)`,
  );
}

/**
 * Authorization of the `workspaces` area (domain.md: workspaces). Rows are checked as
 * `workspace`, or `workspace_dormant` once `dormant_at` is set (lists split the filter the same
 * way); an update or delete of a prebuilds-owned workspace falls back to `prebuilt_workspace`.
 */
export const workspacesMethods = {
  /**
   * `create` on the new workspace (owner and org from the input: the creation ban bites here),
   * then `use` on the template decided in the INSERT itself: the template row must pass the
   * actor's `use` filter, be live and be of `organizationId` (the `create` check is in the org the
   * row is written to, so a template of another org would let a member banned there create from
   * it). One statement: a template grant revoked meanwhile cannot slip in, and a template failing
   * any of it is the same `ForbiddenError` as a missing one. The prebuilds orchestrator (acting as
   * the prebuilds system user) creates only workspaces that user owns (reason `mismatch`).
   */
  insertWorkspace: custom(async (ctx, call, input) => {
    const owner = { type: 'workspace', owner: input.ownerId, org: input.organizationId } as const;
    if (ctx.actor.id === PREBUILDS_USER_ID) {
      requireMatch(ctx, input.ownerId === PREBUILDS_USER_ID, 'create', owner);
    }
    ctx.authorize('create', owner);
    const guard = ctx.filter('use', 'template', templateColumns);
    return runGuarded(ctx as CallContext<unknown>, 'use', guard, call, input);
  }),
  getWorkspaceById: fetchThenAuthorize('read', workspaceObject),
  getWorkspaceByOwnerAndName: fetchThenAuthorize('read', workspaceObject),
  getWorkspaceByAgentId: fetchThenAuthorize('read', workspaceObject),
  listWorkspaces: filteredList(workspaceFilter('read')),
  countWorkspaces: filteredCount(workspaceFilter('read')),
  /**
   * `update` on the workspace; one the prebuilds user owns falls back to `prebuilt_workspace`.
   * Guarded: decided in the UPDATE, on the row version it changes.
   */
  updateWorkspace: guardedWrite('update', guardOf(prebuildAwareFilter('update', 'update'))),
  updateWorkspaceDormantAt: guardedWrite(
    'update',
    guardOf(prebuildAwareFilter('update', 'update')),
  ),
  /**
   * `share` on the workspace and each granted action on it: a sharer hands out only what it holds
   * itself. Granted actions must be `workspace` actions (no wildcard; else `invalid_input`, from
   * the input alone, before any query). Guarded: all of those filters ride in the UPDATE (a
   * dormant workspace as `workspace_dormant`), so the row written is the row checked.
   */
  updateWorkspaceAcl: guardedWrite('share', (input: AclInput, ctx: Ctx) => {
    const granted = aclGrantedActions('workspace', input, false).filter((a) => a !== 'share');
    const actions: Action[] = ['share', ...granted];
    return filterAnd(...actions.map((action) => workspaceFilter(action)(asAny(ctx))));
  }),
  /** Guarded `delete`; a workspace of the prebuilds user falls back to `prebuilt_workspace`. */
  softDeleteWorkspace: guardedWrite('delete', guardOf(prebuildAwareFilter('delete', 'delete'))),
  /**
   * As Coder: `create` on a workspace owned by the claiming user in the prebuild's org, then `use`
   * on its template, decided in the claiming UPDATE itself (the prebuild's template must be live
   * and pass the `use` filter then). The raw query only claims a workspace the prebuilds user owns.
   */
  claimPrebuiltWorkspace: custom(async (ctx, call, input) => {
    const prebuild = await fetchWorkspace(ctx, input.id, 'create');
    const owner = {
      type: 'workspace',
      owner: input.newOwnerId,
      org: prebuild.organizationId,
    } as const;
    // The orchestrator never hands a prebuild over: only the claiming user does.
    if (ctx.actor.id === PREBUILDS_USER_ID) requireMatch(ctx, false, 'create', owner);
    ctx.authorize('create', owner);
    const guard = templateOfRowPasses(ctx.filter('use', 'template', templateColumns));
    return runGuarded(asAny(ctx), 'use', guard, call, input);
  }),
} satisfies Declarations<RawStore>;
