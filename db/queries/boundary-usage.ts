import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { boundaryUsageStats } from '../schema/index.ts';
import type { BoundaryUsageStats } from '../types.ts';
import { defineQuery, firstOrThrow, id, noInput } from './define.ts';

/** Boundary usage summed over every replica's row. */
export interface BoundaryUsageSummary {
  replicas: number;
  uniqueWorkspacesCount: number;
  uniqueUsersCount: number;
  allowedRequests: number;
  deniedRequests: number;
}

const counter = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** Sums as the driver answers them (bigint sums arrive as text) -> the summary. */
type SummaryRow = { [K in keyof BoundaryUsageSummary]: number | string };

function toSummary(row: SummaryRow | undefined): BoundaryUsageSummary {
  return {
    replicas: Number(row?.replicas ?? 0),
    uniqueWorkspacesCount: Number(row?.uniqueWorkspacesCount ?? 0),
    uniqueUsersCount: Number(row?.uniqueUsersCount ?? 0),
    allowedRequests: Number(row?.allowedRequests ?? 0),
    deniedRequests: Number(row?.deniedRequests ?? 0),
  };
}

/** Queries over `boundary_usage_stats` (one row per server replica). */
export function boundaryUsageQueries(db: Database) {
  return {
    /**
     * Records a replica's flush: unique counts replace the stored ones (they are period totals),
     * request counts are deltas added to the stored ones. The first flush starts the window.
     */
    upsertBoundaryUsageStats: defineQuery(
      z.object({
        replicaId: id(),
        uniqueWorkspacesCount: counter,
        uniqueUsersCount: counter,
        allowedRequests: counter,
        deniedRequests: counter,
      }),
      async (input): Promise<BoundaryUsageStats> =>
        firstOrThrow(
          await db
            .insert(boundaryUsageStats)
            .values(input)
            .onConflictDoUpdate({
              target: boundaryUsageStats.replicaId,
              set: {
                uniqueWorkspacesCount: sql`excluded.unique_workspaces_count`,
                uniqueUsersCount: sql`excluded.unique_users_count`,
                allowedRequests: sql`${boundaryUsageStats.allowedRequests} + excluded.allowed_requests`,
                deniedRequests: sql`${boundaryUsageStats.deniedRequests} + excluded.denied_requests`,
                updatedAt: sql`now()`,
              },
            })
            .returning(),
          'boundary usage stats',
        ),
    ),

    /** Sums every replica's counters (zeros and `replicas: 0` when no replica reported). */
    getBoundaryUsageSummary: defineQuery(noInput, async (): Promise<BoundaryUsageSummary> => {
      const [row] = await db
        .select({
          replicas: sql<number>`count(*)::int`,
          uniqueWorkspacesCount: sql<string>`coalesce(sum(${boundaryUsageStats.uniqueWorkspacesCount}), 0)`,
          uniqueUsersCount: sql<string>`coalesce(sum(${boundaryUsageStats.uniqueUsersCount}), 0)`,
          allowedRequests: sql<string>`coalesce(sum(${boundaryUsageStats.allowedRequests}), 0)`,
          deniedRequests: sql<string>`coalesce(sum(${boundaryUsageStats.deniedRequests}), 0)`,
        })
        .from(boundaryUsageStats);
      return toSummary(row);
    }),

    /**
     * Reads the summary and deletes every replica's row in ONE statement (`DELETE ... RETURNING`
     * summed in a CTE), so a flush landing concurrently is either in this summary or stays for the
     * next: none is lost or counted twice. Zeros and `replicas: 0` when no replica reported.
     */
    getAndResetBoundaryUsageSummary: defineQuery(
      noInput,
      async (): Promise<BoundaryUsageSummary> => {
        const deleted = db.$with('deleted').as(db.delete(boundaryUsageStats).returning());
        const [row] = await db
          .with(deleted)
          .select({
            replicas: sql<number>`count(*)::int`,
            uniqueWorkspacesCount: sql<string>`coalesce(sum(${deleted.uniqueWorkspacesCount}), 0)`,
            uniqueUsersCount: sql<string>`coalesce(sum(${deleted.uniqueUsersCount}), 0)`,
            allowedRequests: sql<string>`coalesce(sum(${deleted.allowedRequests}), 0)`,
            deniedRequests: sql<string>`coalesce(sum(${deleted.deniedRequests}), 0)`,
          })
          .from(deleted);
        return toSummary(row);
      },
    ),

    /** Deletes every replica's row (after the summary was reported); returns how many went. */
    resetBoundaryUsageStats: defineQuery(
      noInput,
      async (): Promise<number> =>
        (await db.delete(boundaryUsageStats).returning({ id: boundaryUsageStats.replicaId }))
          .length,
    ),

    /** Deletes one replica's row (a replica that left); returns how many went (0 or 1). */
    deleteBoundaryUsageStatsByReplica: defineQuery(
      z.object({ replicaId: id() }),
      async (input): Promise<number> =>
        (
          await db
            .delete(boundaryUsageStats)
            .where(eq(boundaryUsageStats.replicaId, input.replicaId))
            .returning({ id: boundaryUsageStats.replicaId })
        ).length,
    ),
  };
}
