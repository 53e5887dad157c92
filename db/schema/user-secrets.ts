import { sql } from 'drizzle-orm';
import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { users } from './users.ts';

/** A user's secrets: unique by name per user, and by env name / file path when those are set. */
export const userSecrets = pgTable(
  'user_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    value: text('value').notNull(),
    envName: text('env_name'),
    filePath: text('file_path'),
    ...timestamps(),
  },
  (t) => [
    unique('user_secrets_user_id_name_key').on(t.userId, t.name),
    uniqueIndex('user_secrets_user_id_env_name_idx')
      .on(t.userId, t.envName)
      .where(sql`${t.envName} IS NOT NULL`),
    uniqueIndex('user_secrets_user_id_file_path_idx')
      .on(t.userId, t.filePath)
      .where(sql`${t.filePath} IS NOT NULL`),
  ],
);
