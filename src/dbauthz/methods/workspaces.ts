import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { workspaceFilter } from '../columns/workspaces.ts';
import { aclGrantedActions } from '../objects/acl-grants.ts';
import { requireMatch } from '../objects/require-match.ts';
import { templateObject } from '../objects/template.ts';
import { prebuildAwareTarget, workspaceObject } from '../objects/workspace.ts';
import { fetchWorkspace } from '../objects/workspace-build.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { custom, orderedChecks } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;

/** The target workspace of a write, fetched by the input's `id`. */
const workspaceById = (raw: RawStore, input: { id: string }) =>
  raw.getWorkspaceById({ id: input.id });

/** A live template to build from, as the object of a `use` check. */
const usableTemplate = async (templateId: string, ctx: Ctx) =>
  templateObject(await ctx.fetch(ctx.raw.getTemplateByIdForBuild({ id: templateId }), 'use'));

type UpdateAcl = RawStore['updateWorkspaceAcl'];

/**
 * Authorization of the `workspaces` area (domain.md: workspaces). Rows are checked as
 * `workspace`, or `workspace_dormant` once `dormant_at` is set (lists split the filter the same
 * way); an update or delete of a prebuilds-owned workspace falls back to `prebuilt_workspace`.
 */
export const workspacesMethods = {
  /**
   * `use` on the (live) template, then `create` on the new workspace: the creation ban bites here.
   * The template must be of `organizationId` (else a `ForbiddenError`, reason `mismatch`, before
   * any check): the `create` check is in the org the row is written to, so a template of another
   * org would let a member banned there create from it. The prebuilds orchestrator (acting as the
   * prebuilds system user) creates only workspaces that user owns (reason `mismatch` otherwise).
   */
  insertWorkspace: orderedChecks(
    async (input: { templateId: string; ownerId: string; organizationId: string }, ctx: Ctx) => {
      const owner = { type: 'workspace', owner: input.ownerId, org: input.organizationId } as const;
      if (ctx.actor.id === PREBUILDS_USER_ID) {
        requireMatch(ctx, input.ownerId === PREBUILDS_USER_ID, 'create', owner);
      }
      const template = await usableTemplate(input.templateId, ctx);
      requireMatch(ctx, template.org === input.organizationId, 'use', template);
      return [
        { action: 'use', target: template },
        { action: 'create', target: owner },
      ];
    },
  ),
  getWorkspaceById: fetchThenAuthorize('read', workspaceObject),
  getWorkspaceByOwnerAndName: fetchThenAuthorize('read', workspaceObject),
  getWorkspaceByAgentId: fetchThenAuthorize('read', workspaceObject),
  listWorkspaces: filteredList(workspaceFilter('read')),
  countWorkspaces: filteredCount(workspaceFilter('read')),
  /** `update` on the workspace; one the prebuilds user owns falls back to `prebuilt_workspace`. */
  updateWorkspace: fetchThenMutate(workspaceById, 'update', prebuildAwareTarget),
  updateWorkspaceDormantAt: fetchThenMutate(workspaceById, 'update', prebuildAwareTarget),
  /**
   * `share` on the workspace, then each granted action on it: a sharer hands out only what it
   * holds itself. Granted actions must be `workspace` actions (no wildcard; else `invalid_input`,
   * raised only after the share check, so a non-sharer always sees the same denial). A dormant
   * workspace is checked as `workspace_dormant`, like the share.
   */
  updateWorkspaceAcl: custom<RawStore, Parameters<UpdateAcl>[0], Awaited<ReturnType<UpdateAcl>>>(
    async (ctx, call, input) => {
      const object = workspaceObject(await fetchWorkspace(ctx, input.id, 'share'));
      ctx.authorize('share', object);
      const granted = aclGrantedActions('workspace', input, false);
      for (const action of granted) ctx.authorize(action, object);
      return call(input);
    },
  ),
  softDeleteWorkspace: fetchThenMutate(workspaceById, 'delete', prebuildAwareTarget),
  /**
   * As Coder: `create` on a workspace owned by the claiming user in the prebuild's org, then `use`
   * on its template. The raw query itself only claims a workspace the prebuilds user owns.
   */
  claimPrebuiltWorkspace: orderedChecks(
    async (input: { id: string; newOwnerId: string }, ctx: Ctx) => {
      const prebuild = await fetchWorkspace(ctx, input.id, 'create');
      return [
        {
          action: 'create',
          target: { type: 'workspace', owner: input.newOwnerId, org: prebuild.organizationId },
        },
        { action: 'use', target: await usableTemplate(prebuild.templateId, ctx) },
      ];
    },
  ),
} satisfies Declarations<RawStore>;
