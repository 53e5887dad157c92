import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { auditAction } from './enums.ts';

/** Audit trail; user and org ids are kept without foreign keys so logs outlive what they name. */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    time: timestamptz('time').notNull().defaultNow(),
    userId: uuid('user_id'),
    organizationId: uuid('organization_id'),
    action: auditAction('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: uuid('resource_id').notNull(),
    resourceTarget: text('resource_target').notNull().default(''),
    diff: jsonb('diff').$type<Record<string, unknown>>().notNull().default({}),
    statusCode: integer('status_code').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: uuid('request_id'),
  },
  (t) => [
    index('audit_logs_time_idx').on(t.time),
    index('audit_logs_organization_id_time_idx').on(t.organizationId, t.time),
    index('audit_logs_user_id_time_idx').on(t.userId, t.time),
    index('audit_logs_resource_idx').on(t.resourceType, t.resourceId),
  ],
);
