import type { RawStore } from '../../../db/queries/index.ts';
import type { Workspace } from '../../../db/types.ts';
import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import { workspaceObject } from './workspaces.ts';

/** A build's transition, as the raw store names it. */
export type Transition = 'start' | 'stop' | 'delete';

/** The workspace action a build transition needs (Coder: start, stop, delete). */
export const transitionAction = {
  start: 'start',
  stop: 'stop',
  delete: 'delete',
} as const satisfies Record<Transition, Action>;

/** What the same transition needs on a `prebuilt_workspace`, whose only actions are update/delete. */
export const prebuiltTransitionAction = {
  start: 'update',
  stop: 'update',
  delete: 'delete',
} as const satisfies Record<Transition, Action>;

/** The workspace with this id, a missing one raising the same `ForbiddenError` as a denial. */
export function fetchWorkspace(
  ctx: CallContext<RawStore>,
  id: string,
  action: Action = 'read',
): Promise<Workspace> {
  return ctx.fetch(ctx.raw.getWorkspaceById({ id }), action);
}

/** The workspace a build (by id) belongs to, looked up through the view that omits its state. */
export async function fetchBuildWorkspace(
  ctx: CallContext<RawStore>,
  buildId: string,
  action: Action = 'read',
): Promise<Workspace> {
  const build = await ctx.fetch(ctx.raw.getWorkspaceBuildById({ id: buildId }), action);
  return fetchWorkspace(ctx, build.workspaceId, action);
}

/**
 * Authorizes a build transition on a workspace: its action on the workspace (a dormant one is a
 * `workspace_dormant`), and for a workspace owned by the prebuilds system user, failing that, the
 * `prebuilt_workspace` stand-in (update for start/stop, delete for delete). Throws on denial.
 */
export function authorizeTransition(
  ctx: CallContext<RawStore>,
  transition: Transition,
  workspace: Workspace,
): void {
  const object = workspaceObject(workspace);
  if (workspace.ownerId !== PREBUILDS_USER_ID) {
    ctx.authorize(transitionAction[transition], object);
    return;
  }
  if (ctx.can(transitionAction[transition], object)) return;
  ctx.authorize(prebuiltTransitionAction[transition], { ...object, type: 'prebuilt_workspace' });
}
