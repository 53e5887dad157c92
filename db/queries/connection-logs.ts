import { desc, eq, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { connectionLogs, connectionType } from '../schema/index.ts';
import type { ConnectionLog } from '../types.ts';
import { date, int32, text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id } from './define.ts';
import { definePagedList } from './paged-list.ts';
import { timeRange, timeRangeWhere } from './time-range.ts';

const listFilter = z.object({
  organizationId: id().optional(),
  workspaceOwnerId: id().optional(),
  workspaceId: id().optional(),
  type: z.enum(connectionType.enumValues).optional(),
  ...timeRange,
});

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(
    input.organizationId === undefined
      ? undefined
      : eq(connectionLogs.organizationId, input.organizationId),
    input.workspaceOwnerId === undefined
      ? undefined
      : eq(connectionLogs.workspaceOwnerId, input.workspaceOwnerId),
    input.workspaceId === undefined ? undefined : eq(connectionLogs.workspaceId, input.workspaceId),
    input.type === undefined ? undefined : eq(connectionLogs.type, input.type),
    timeRangeWhere(connectionLogs.connectTime, input),
    where,
  );
}

/** Queries over `connection_logs`; list/count filters refer to its columns. */
export function connectionLogsQueries(db: Database) {
  const paged = definePagedList({
    db,
    table: connectionLogs,
    filter: listFilter,
    where: filterWhere,
    orderBy: [desc(connectionLogs.connectTime), desc(connectionLogs.id)],
  });
  return {
    /**
     * Records a connect or disconnect event, one row per `connectionId`: a connect inserts (or
     * keeps the first connect time), a disconnect sets the disconnect fields, inserting the row
     * with `connect_time = time` if the connect event never arrived.
     */
    upsertConnectionLog: defineQuery(
      z.object({
        event: z.enum(['connect', 'disconnect']),
        time: date(),
        connectionId: id(),
        organizationId: id(),
        workspaceOwnerId: id(),
        workspaceId: id(),
        workspaceName: text('NAME_MAX').min(1),
        agentName: text('NAME_MAX').min(1),
        type: z.enum(connectionType.enumValues),
        userId: id().optional(),
        ip: text('SHORT_TEXT_MAX').optional(),
        code: int32().optional(),
        disconnectReason: text('LINE_MAX').optional(),
      }),
      async ({ event, time, code, disconnectReason, ...row }): Promise<ConnectionLog> => {
        const disconnect =
          event === 'disconnect'
            ? {
                disconnectTime: time,
                code: code ?? null,
                disconnectReason: disconnectReason ?? null,
              }
            : {};
        return firstOrThrow(
          await db
            .insert(connectionLogs)
            .values({ ...row, connectTime: time, ...disconnect })
            .onConflictDoUpdate({
              target: connectionLogs.connectionId,
              set:
                event === 'disconnect'
                  ? disconnect
                  : {
                      connectTime: sql`LEAST(${connectionLogs.connectTime}, excluded.connect_time)`,
                    },
            })
            .returning(),
          'connection log',
        );
      },
    ),

    /** Connection logs, newest connect first, filtered by org, owner, workspace, type and time. */
    listConnectionLogs: paged.list,

    /** How many logs match the same filters as `listConnectionLogs`. */
    countConnectionLogs: paged.count,

    /** Deletes logs whose connection started before `before`; returns how many went. */
    deleteConnectionLogsOlderThan: defineQuery(
      z.object({ before: date() }),
      async (input): Promise<number> =>
        (
          await db
            .delete(connectionLogs)
            .where(lt(connectionLogs.connectTime, input.before))
            .returning({ id: connectionLogs.id })
        ).length,
    ),
  };
}
