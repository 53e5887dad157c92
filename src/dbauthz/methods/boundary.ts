import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { boundaryLogColumns, boundaryLogObject } from '../resources/boundary-logs.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { custom } from '../wrappers/ordered-checks.ts';

/**
 * Where an agent's boundary rows belong, read from the agent's workspace (a missing agent is the
 * same `ForbiddenError` as a denial), after `create` on a `boundary_log` owned by that workspace's
 * owner. The caller's own `ownerId` / `organizationId` / `workspaceId` are never trusted: the
 * declarations below REPLACE them with these values (a lying caller still writes correct rows).
 */
async function authorizedPlacement(ctx: CallContext<RawStore>, agentId: string) {
  const workspace = await ctx.fetch(ctx.raw.getWorkspaceByAgentId({ agentId }), 'create');
  ctx.authorize('create', boundaryLogObject(workspace.ownerId));
  return {
    ownerId: workspace.ownerId,
    organizationId: workspace.organizationId,
    workspaceId: workspace.id,
    agentId,
  };
}

/** Who may read boundary logs: site-level `boundary_log` read (owner, auditor, the purge actor). */
const readable = ['read', 'boundary_log', boundaryLogColumns] as const;

/**
 * Authorization of the boundary area (domain.md: boundary). With the roles as pinned, a `member`
 * holds only user-level `boundary_log` create, so a member lists NO boundary logs, not even their
 * own: reading is for site readers (owner, auditor). The agent writes as its owner.
 */
export const boundaryMethods = {
  insertBoundarySession: custom(async (ctx, call, input) =>
    call({ ...input, ...(await authorizedPlacement(ctx, input.agentId)) }),
  ),
  /**
   * As a session, and a `sessionId` must name a session of that agent: a foreign or missing one is
   * the same `ForbiddenError` (the raw insert checks it and writes nothing).
   */
  insertBoundaryLogs: custom(async (ctx, call, input) =>
    ctx.fetch(call({ ...input, ...(await authorizedPlacement(ctx, input.agentId)) }), 'create'),
  ),
  listBoundaryLogs: filteredList(...readable),
  countBoundaryLogs: filteredCount(...readable),
  /** Site-wide `boundary_log` delete: among all roles only `asDBPurge` holds it (owner has read). */
  deleteBoundaryLogsOlderThan: authorizeArgs('delete', () => ({ type: 'boundary_log' })),
  /** Sessions are purged with their logs: the same site-wide `boundary_log` delete. */
  deleteBoundarySessionsOlderThan: authorizeArgs('delete', () => ({ type: 'boundary_log' })),
} satisfies Declarations<RawStore>;
