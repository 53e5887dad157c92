import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { fetchBuildWorkspace } from '../resources/workspace-builds.ts';
import { workspaceFilter } from '../resources/workspace-filter.ts';
import { workspaceObject } from '../resources/workspaces.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { guardedWrite, guardOf } from '../wrappers/guarded-write.ts';

type Ctx = CallContext<RawStore>;

/**
 * Authorization of the `agents` area (domain.md: agents): checked on the agent's workspace (a
 * dormant one as `workspace_dormant`), looked up before the agent query runs. The lookup by auth
 * token authenticates an agent, so it is a system read (`system` read, as in Coder). The token
 * is returned once, by the insert; no read returns it or its stored hash.
 */
export const workspaceAgentsMethods = {
  /**
   * `create_agent` on the build's workspace, decided in the INSERT (guarded, the workspace row
   * share-locked): a grant revoked, or the workspace made dormant, while the insert is pending
   * cannot slip in, and a denied or missing build costs the same one statement.
   */
  insertWorkspaceAgent: guardedWrite('create_agent', guardOf(workspaceFilter('create_agent'))),
  getWorkspaceAgentById: authorizeArgs('read', async (input: { id: string }, ctx: Ctx) =>
    workspaceObject(await ctx.fetch(ctx.raw.getWorkspaceByAgentId({ agentId: input.id }), 'read')),
  ),
  getWorkspaceAgentsByBuild: authorizeArgs('read', async (input: { buildId: string }, ctx: Ctx) =>
    workspaceObject(await fetchBuildWorkspace(ctx, input.buildId)),
  ),
  getWorkspaceAgentByAuthToken: authorizeArgs('read', () => ({ type: 'system' })),
} satisfies Declarations<RawStore>;
