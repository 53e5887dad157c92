import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { workspaceFilter } from '../columns/workspaces.ts';
import { templateObject } from '../objects/template.ts';
import { prebuildAwareTarget, workspaceObject } from '../objects/workspace.ts';
import { fetchWorkspace } from '../objects/workspace-build.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { orderedChecks } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;

/** The target workspace of a write, fetched by the input's `id`. */
const workspaceById = (raw: RawStore, input: { id: string }) =>
  raw.getWorkspaceById({ id: input.id });

/** A live template to build from, as the object of a `use` check. */
const usableTemplate = async (templateId: string, ctx: Ctx) =>
  templateObject(await ctx.fetch(ctx.raw.getTemplateByIdForBuild({ id: templateId }), 'use'));

/**
 * Authorization of the `workspaces` area (domain.md: workspaces). Rows are checked as
 * `workspace`, or `workspace_dormant` once `dormant_at` is set (lists split the filter the same
 * way); a delete of a prebuilds-owned workspace falls back to `prebuilt_workspace`.
 */
export const workspacesMethods = {
  /** `use` on the (live) template, then `create` on the new workspace: the creation ban bites here. */
  insertWorkspace: orderedChecks(
    async (input: { templateId: string; ownerId: string; organizationId: string }, ctx: Ctx) => [
      { action: 'use', target: await usableTemplate(input.templateId, ctx) },
      {
        action: 'create',
        target: { type: 'workspace', owner: input.ownerId, org: input.organizationId },
      },
    ],
  ),
  getWorkspaceById: fetchThenAuthorize('read', workspaceObject),
  getWorkspaceByOwnerAndName: fetchThenAuthorize('read', workspaceObject),
  getWorkspaceByAgentId: fetchThenAuthorize('read', workspaceObject),
  listWorkspaces: filteredList(workspaceFilter('read')),
  countWorkspaces: filteredCount(workspaceFilter('read')),
  updateWorkspace: fetchThenMutate(workspaceById, 'update', workspaceObject),
  updateWorkspaceDormantAt: fetchThenMutate(workspaceById, 'update', workspaceObject),
  updateWorkspaceAcl: fetchThenMutate(workspaceById, 'share', workspaceObject),
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
