import { and, desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { boundaryLogs, boundarySessions } from '../schema/index.ts';
import type { BoundaryLog, BoundarySession } from '../types.ts';
import { BOUNDS, date, text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id } from './define.ts';
import { definePagedList } from './paged-list.ts';
import { timeRange, timeRangeWhere } from './time-range.ts';

/** Where a boundary row belongs; the authorization layer derives these from the agent. */
const placement = {
  ownerId: id(),
  organizationId: id(),
  workspaceId: id(),
  agentId: id(),
};
const logEntry = z.object({
  time: date(),
  method: text('SHORT_TEXT_MAX').optional(),
  url: text('LOG_URL_MAX').min(1),
  allowed: z.boolean(),
  matchedRule: text('LINE_MAX').optional(),
});
const listFilter = z.object({
  ownerId: id().optional(),
  organizationId: id().optional(),
  workspaceId: id().optional(),
  allowed: z.boolean().optional(),
  ...timeRange,
});

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(
    input.ownerId === undefined ? undefined : eq(boundaryLogs.ownerId, input.ownerId),
    input.organizationId === undefined
      ? undefined
      : eq(boundaryLogs.organizationId, input.organizationId),
    input.workspaceId === undefined ? undefined : eq(boundaryLogs.workspaceId, input.workspaceId),
    input.allowed === undefined ? undefined : eq(boundaryLogs.allowed, input.allowed),
    timeRangeWhere(boundaryLogs.time, input),
    where,
  );
}

/** Queries over `boundary_sessions` and `boundary_logs`; list filters refer to `boundary_logs`. */
export function boundaryQueries(db: Database) {
  const paged = definePagedList({
    db,
    table: boundaryLogs,
    filter: listFilter,
    where: filterWhere,
    orderBy: [desc(boundaryLogs.time), desc(boundaryLogs.id)],
  });
  /** The session `id` if it belongs to this agent in this workspace (no row otherwise). */
  const sessionOf = (sessionId: string, where: { agentId: string; workspaceId: string }) =>
    db
      .select({ id: boundarySessions.id })
      .from(boundarySessions)
      .where(
        and(
          eq(boundarySessions.id, sessionId),
          eq(boundarySessions.agentId, where.agentId),
          eq(boundarySessions.workspaceId, where.workspaceId),
        ),
      );
  return {
    /** Starts a boundary session for an agent. */
    insertBoundarySession: defineQuery(
      z.object(placement),
      async (input): Promise<BoundarySession> =>
        firstOrThrow(
          await db.insert(boundarySessions).values(input).returning(),
          'boundary session',
        ),
    ),

    /**
     * Inserts a batch of log entries, all owned by `ownerId` (the workspace owner). A `sessionId`
     * must name a session of the same agent and workspace, else `NotFoundError` and nothing is
     * written (a session purged meanwhile leaves the entries without one, as its deletion would).
     */
    insertBoundaryLogs: defineQuery(
      z.object({
        ...placement,
        sessionId: id().optional(),
        logs: z.array(logEntry).min(1).max(BOUNDS.BATCH_MAX),
      }),
      async ({ logs, sessionId, ...where }): Promise<BoundaryLog[]> => {
        let session: SQL | null = null;
        if (sessionId !== undefined) {
          const query = sessionOf(sessionId, where);
          firstOrThrow(await query, 'boundary session');
          session = sql`(${query})`;
        }
        return db
          .insert(boundaryLogs)
          .values(logs.map((log) => ({ ...where, ...log, sessionId: session })))
          .returning();
      },
    ),

    /** Log entries, newest first, filtered by owner, org, workspace, decision and time. */
    listBoundaryLogs: paged.list,

    /** How many entries match the same filters as `listBoundaryLogs`. */
    countBoundaryLogs: paged.count,

    /** Deletes entries older than `before`; returns how many went. */
    deleteBoundaryLogsOlderThan: defineQuery(
      z.object({ before: date() }),
      async (input): Promise<number> =>
        (
          await db
            .delete(boundaryLogs)
            .where(lt(boundaryLogs.time, input.before))
            .returning({ id: boundaryLogs.id })
        ).length,
    ),

    /**
     * Deletes sessions that ended before `before`, and open ones that started before it; their
     * remaining log entries keep no session. Returns how many went.
     */
    deleteBoundarySessionsOlderThan: defineQuery(
      z.object({ before: date() }),
      async (input): Promise<number> =>
        (
          await db
            .delete(boundarySessions)
            .where(
              sql`COALESCE(${boundarySessions.endedAt}, ${boundarySessions.startedAt}) < ${input.before.toISOString()}::timestamptz`,
            )
            .returning({ id: boundarySessions.id })
        ).length,
    ),
  };
}
