import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';
import { workspaceAgents } from './workspace-agents.ts';
import { workspaces } from './workspaces.ts';

/** Where boundary rows come from: the workspace owner, org, workspace and agent (all required). */
const agentPlacement = () => ({
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  workspaceId: uuid('workspace_id')
    .notNull()
    .references(() => workspaces.id, { onDelete: 'cascade' }),
  agentId: uuid('agent_id')
    .notNull()
    .references(() => workspaceAgents.id, { onDelete: 'cascade' }),
});

/** A boundary (network policy) session run by an agent inside a workspace. */
export const boundarySessions = pgTable(
  'boundary_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...agentPlacement(),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    endedAt: timestamptz('ended_at'),
  },
  (t) => [index('boundary_sessions_workspace_id_idx').on(t.workspaceId)],
);

/** One request a boundary allowed or denied; the owner is the workspace owner, never the caller. */
export const boundaryLogs = pgTable(
  'boundary_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id').references(() => boundarySessions.id, { onDelete: 'set null' }),
    ...agentPlacement(),
    time: timestamptz('time').notNull(),
    method: text('method').notNull().default(''),
    url: text('url').notNull(),
    allowed: boolean('allowed').notNull(),
    matchedRule: text('matched_rule').notNull().default(''),
  },
  (t) => [
    index('boundary_logs_time_idx').on(t.time),
    index('boundary_logs_owner_id_time_idx').on(t.ownerId, t.time),
    index('boundary_logs_organization_id_time_idx').on(t.organizationId, t.time),
    index('boundary_logs_workspace_id_time_idx').on(t.workspaceId, t.time),
  ],
);

/** Boundary usage counters, one row per server replica; the summary sums across rows. */
export const boundaryUsageStats = pgTable('boundary_usage_stats', {
  replicaId: uuid('replica_id').primaryKey(),
  uniqueWorkspacesCount: bigint('unique_workspaces_count', { mode: 'number' }).notNull().default(0),
  uniqueUsersCount: bigint('unique_users_count', { mode: 'number' }).notNull().default(0),
  allowedRequests: bigint('allowed_requests', { mode: 'number' }).notNull().default(0),
  deniedRequests: bigint('denied_requests', { mode: 'number' }).notNull().default(0),
  windowStart: timestamptz('window_start').notNull().default(sql`now()`),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});
