import { sql } from 'drizzle-orm';
import { index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamps, timestamptz } from './columns.ts';
import { workspaceBuilds } from './workspace-builds.ts';

/** Agents of a workspace build; an agent authenticates with a token stored only as a hash. */
export const workspaceAgents = pgTable(
  'workspace_agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildId: uuid('build_id')
      .notNull()
      .references(() => workspaceBuilds.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    // SHA-256 of the agent's auth token; the token itself is never stored. The default is the
    // hash of a random value nobody holds, so a row inserted without a token cannot authenticate.
    authTokenHash: bytea('auth_token_hash')
      .notNull()
      .default(sql`sha256(convert_to(gen_random_uuid()::text, 'UTF8'))`)
      .unique('workspace_agents_auth_token_hash_key'),
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
