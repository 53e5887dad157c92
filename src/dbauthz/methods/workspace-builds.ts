import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { requireActorAttribution } from '../checks/require-actor.ts';
import { requireMatch } from '../checks/require-match.ts';
import { prebuildAwareFilter } from '../resources/prebuild-aware-filter.ts';
import { templateObject } from '../resources/templates.ts';
import {
  authorizeTransition,
  fetchWorkspace,
  prebuiltTransitionAction,
  type Transition,
  transitionAction,
} from '../resources/workspace-builds.ts';
import { workspaceFilter } from '../resources/workspace-filter.ts';
import { workspaceObject } from '../resources/workspaces.ts';
import { isSystemActor } from '../system-actors/system-actors.ts';
import { anyOf } from '../target.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import { authorizeParent } from '../wrappers/authorize-parent.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorizeVia } from '../wrappers/fetch-then-authorize-via.ts';
import { guardedWrite, guardOf, runGuarded } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;

/** The workspace a list or lookup names by `workspaceId`, as the object of a read. */
const parentWorkspace = async (input: { workspaceId: string }, ctx: Ctx) =>
  workspaceObject(await fetchWorkspace(ctx, input.workspaceId));

/**
 * Authorization of the `builds` area (domain.md: builds). Reads go through the workspace and never
 * load `provisioner_state`; the state itself needs `update` on the build's template (template
 * admins), or for the store's own system actors (the builder and the daemon) `update` on
 * provisioner jobs in its org, never a plain owner.
 */
export const workspaceBuildsMethods = {
  /**
   * The transition's action on the workspace (prebuilt fallback), then for a start of a version
   * other than the active one of a template that requires it, `update` on the template (Coder).
   * After the transition check, in order: a human actor must be the `initiatorId`; the job must be
   * a `workspace_build` job of the workspace's org started for the same initiator; the version
   * must be one of the workspace's template. A missing job or version is the same `ForbiddenError` as a foreign one.
   */
  insertWorkspaceBuild: custom(async (ctx, call, input) => {
    const transition: Transition = input.transition;
    const workspace = await fetchWorkspace(ctx, input.workspaceId, transition);
    authorizeTransition(ctx, transition, workspace);
    requireActorAttribution(ctx, 'initiatorId', input.initiatorId, transition);
    const job = await ctx.fetch(ctx.raw.getProvisionerJobById({ id: input.jobId }), transition);
    // The job is this build's: same org, a build job, started for the same initiator (another
    // user's job, even one already used, is never referenced: no `conflict` oracle).
    const jobFits =
      job.organizationId === workspace.organizationId &&
      job.type === 'workspace_build' &&
      job.initiatorId === input.initiatorId;
    requireMatch(ctx, jobFits, transition, {
      jobId: job.id,
      jobOrg: job.organizationId,
      jobType: job.type,
      jobInitiator: job.initiatorId,
      workspaceOrg: workspace.organizationId,
    });
    const version = await ctx.fetch(
      ctx.raw.getTemplateVersionById({ id: input.templateVersionId }),
      transition,
    );
    requireMatch(ctx, version.templateId === workspace.templateId, transition, {
      templateVersionId: version.id,
      templateId: version.templateId,
      workspaceTemplateId: workspace.templateId,
    });
    if (transition === 'start') {
      const template = await ctx.fetch(
        ctx.raw.getTemplateById({ id: workspace.templateId }),
        'update',
      );
      if (template.requireActiveVersion && template.activeVersionId !== input.templateVersionId) {
        ctx.authorize('update', templateObject(template));
      }
    }
    // The transition is decided again in the INSERT, on the workspace row as it is then: a grant
    // revoked (or a prebuild claimed) since the read above cannot slip in.
    const guard = prebuildAwareFilter(
      transitionAction[transition],
      prebuiltTransitionAction[transition],
    )(ctx as CallContext<unknown>);
    return runGuarded(ctx as CallContext<unknown>, transition, guard, call, input);
  }),
  getWorkspaceBuildById: fetchThenAuthorizeVia(
    'read',
    async (build: { workspaceId: string }, ctx: Ctx) =>
      workspaceObject(await fetchWorkspace(ctx, build.workspaceId)),
  ),
  getLatestWorkspaceBuildByWorkspace: authorizeParent('read', parentWorkspace),
  listWorkspaceBuildsByWorkspace: authorizeParent('read', parentWorkspace),
  countWorkspaceBuildsByWorkspace: authorizeParent('read', parentWorkspace),
  /**
   * `update` on the build's template (template admins, as Coder), or, for the store's own system
   * actors only, `update` on provisioner jobs in the build's org: the narrow grant of the actors
   * that run builds (the workspace builder, the provisioner daemon), which hold no template update.
   */
  // A human's `provisioner_jobs` update (a custom "job canceller" role) never reads the state: the
  // fallback is keyed on the system actor's identity, not on a grant or label a caller can hold.
  // The check data comes from one statement that never reads the state (a denied or missing
  // build costs that one statement); the state is read only once allowed, in one more.
  getProvisionerStateByBuildId: authorizeArgs('update', async (input: { id: string }, ctx: Ctx) => {
    const { workspace, template } = await ctx.fetch(
      ctx.raw.getBuildWorkspaceAndTemplate({ id: input.id }),
      'update',
    );
    if (!isSystemActor(ctx.actor)) return templateObject(template);
    return anyOf(templateObject(template), {
      type: 'provisioner_jobs',
      org: workspace.organizationId,
    });
  }),
  /** An internal lookup of the authorization layer: `system` read, as loading a user's roles. */
  getBuildWorkspaceAndTemplate: authorizeArgs('read', () => ({ type: 'system' })),
  /** `update` on the build's workspace, decided in the UPDATE (guarded through the workspace row). */
  updateProvisionerState: guardedWrite('update', guardOf(workspaceFilter('update'))),
} satisfies Declarations<RawStore>;
