import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps, timestamptz } from './columns.ts';
import { workspaceBuilds } from './workspace-builds.ts';

/** Agents of a workspace build; an agent authenticates with its unique `auth_token`. */
export const workspaceAgents = pgTable(
  'workspace_agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildId: uuid('build_id')
      .notNull()
      .references(() => workspaceBuilds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    authToken: uuid('auth_token')
      .notNull()
      .defaultRandom()
      .unique('workspace_agents_auth_token_key'),
    architecture: text('architecture').notNull().default('amd64'),
    operatingSystem: text('operating_system').notNull().default('linux'),
    directory: text('directory').notNull().default(''),
    lifecycleState: text('lifecycle_state').notNull().default('created'),
    firstConnectedAt: timestamptz('first_connected_at'),
    lastConnectedAt: timestamptz('last_connected_at'),
    ...timestamps(),
  },
  (t) => [
    unique('workspace_agents_build_id_name_key').on(t.buildId, t.name),
    index('workspace_agents_build_id_idx').on(t.buildId),
  ],
);
