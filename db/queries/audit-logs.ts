import { desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { auditAction, auditLogs } from '../schema/index.ts';
import type { AuditLog } from '../types.ts';
import { date, jsonObject, text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id } from './define.ts';
import { definePagedList } from './paged-list.ts';
import { timeRange, timeRangeWhere } from './time-range.ts';

const action = z.enum(auditAction.enumValues);
const listFilter = z.object({
  organizationId: id().optional(),
  userId: id().optional(),
  action: action.optional(),
  resourceType: text('SHORT_TEXT_MAX').min(1).optional(),
  resourceId: id().optional(),
  ...timeRange,
});

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(
    input.organizationId === undefined
      ? undefined
      : eq(auditLogs.organizationId, input.organizationId),
    input.userId === undefined ? undefined : eq(auditLogs.userId, input.userId),
    input.action === undefined ? undefined : eq(auditLogs.action, input.action),
    input.resourceType === undefined ? undefined : eq(auditLogs.resourceType, input.resourceType),
    input.resourceId === undefined ? undefined : eq(auditLogs.resourceId, input.resourceId),
    timeRangeWhere(auditLogs.time, input),
    where,
  );
}

/** Queries over `audit_logs`; list/count filters refer to its columns. */
export function auditLogsQueries(db: Database) {
  const paged = definePagedList({
    db,
    table: auditLogs,
    filter: listFilter,
    where: filterWhere,
    orderBy: [desc(auditLogs.time), desc(auditLogs.id)],
  });
  return {
    /** Appends an audit entry (`organizationId` absent for site-wide events). */
    insertAuditLog: defineQuery(
      z.object({
        time: date().optional(),
        userId: id().optional(),
        organizationId: id().optional(),
        action,
        resourceType: text('SHORT_TEXT_MAX').min(1),
        resourceId: id(),
        resourceTarget: text('LINE_MAX').optional(),
        diff: jsonObject().optional(),
        statusCode: z.number().int().min(100).max(599),
        ip: text('SHORT_TEXT_MAX').optional(),
        userAgent: text('LINE_MAX').optional(),
        requestId: id().optional(),
      }),
      async (input): Promise<AuditLog> =>
        firstOrThrow(await db.insert(auditLogs).values(input).returning(), 'audit log'),
    ),

    /** Audit entries, newest first, filtered by org, user, action, resource and time. */
    listAuditLogs: paged.list,

    /** How many entries match the same filters as `listAuditLogs`. */
    countAuditLogs: paged.count,
  };
}
