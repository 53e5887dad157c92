import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { workspaceAgents } from '../schema/index.ts';
import type { WorkspaceAgent } from '../types.ts';
import { defineQuery, firstOrThrow, id, lazy } from './define.ts';

/** Queries over `workspace_agents`. */
export function workspaceAgentsQueries(db: Database) {
  const byToken = lazy(() =>
    db
      .select()
      .from(workspaceAgents)
      .where(eq(workspaceAgents.authToken, sql.placeholder('authToken')))
      .prepare('workspace_agents_get_by_auth_token'),
  );
  return {
    /** Inserts an agent of a build; the auth token is random unless given. */
    insertWorkspaceAgent: defineQuery(
      z.object({
        buildId: id(),
        name: z
          .string()
          .min(1)
          .max(64)
          .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, 'letters, digits and - only'),
        authToken: id().optional(),
        architecture: z.string().min(1).max(32).optional(),
        operatingSystem: z.string().min(1).max(32).optional(),
        directory: z.string().max(4096).optional(),
      }),
      async (input): Promise<WorkspaceAgent> =>
        firstOrThrow(await db.insert(workspaceAgents).values(input).returning(), 'workspace agent'),
    ),

    /** The agent with this id. */
    getWorkspaceAgentById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<WorkspaceAgent> =>
        firstOrThrow(
          await db.select().from(workspaceAgents).where(eq(workspaceAgents.id, input.id)),
          'workspace agent',
        ),
    ),

    /** The agent holding this auth token (agent authentication); prepared. */
    getWorkspaceAgentByAuthToken: defineQuery(
      z.object({ authToken: id() }),
      async (input): Promise<WorkspaceAgent> =>
        firstOrThrow(await byToken().execute({ authToken: input.authToken }), 'workspace agent'),
    ),

    /** The agents of one build, by name. */
    getWorkspaceAgentsByBuild: defineQuery(
      z.object({ buildId: id() }),
      async (input): Promise<WorkspaceAgent[]> =>
        db
          .select()
          .from(workspaceAgents)
          .where(eq(workspaceAgents.buildId, input.buildId))
          .orderBy(asc(workspaceAgents.name)),
    ),
  };
}

/** The workspace agent query methods of the raw store. */
export type WorkspaceAgentsQueries = ReturnType<typeof workspaceAgentsQueries>;
