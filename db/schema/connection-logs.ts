import { index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { connectionType } from './enums.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';
import { workspaces } from './workspaces.ts';

/** Connections to workspaces, upserted by connection id as connect and disconnect events arrive. */
export const connectionLogs = pgTable(
  'connection_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    connectionId: uuid('connection_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workspaceOwnerId: uuid('workspace_owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    workspaceName: text('workspace_name').notNull(),
    agentName: text('agent_name').notNull(),
    type: connectionType('type').notNull(),
    userId: uuid('user_id'),
    ip: text('ip'),
    connectTime: timestamptz('connect_time').notNull(),
    disconnectTime: timestamptz('disconnect_time'),
    disconnectReason: text('disconnect_reason'),
    code: integer('code'),
  },
  (t) => [
    unique('connection_logs_connection_id_key').on(t.connectionId),
    index('connection_logs_connect_time_idx').on(t.connectTime),
    index('connection_logs_organization_id_connect_time_idx').on(t.organizationId, t.connectTime),
    index('connection_logs_workspace_owner_id_connect_time_idx').on(
      t.workspaceOwnerId,
      t.connectTime,
    ),
  ],
);
