import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamps, timestamptz } from './columns.ts';
import { users } from './users.ts';

/** API keys: a public id, a hashed secret, scopes and an allow list of `type:id` entries. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    hashedSecret: bytea('hashed_secret').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenName: text('token_name').notNull().default(''),
    scopes: text('scopes').array().notNull().default(sql`'{coder:all}'::text[]`),
    allowList: text('allow_list').array().notNull().default(sql`'{*:*}'::text[]`),
    expiresAt: timestamptz('expires_at').notNull(),
    lastUsed: timestamptz('last_used'),
    ...timestamps(),
  },
  (t) => [
    index('api_keys_user_id_idx').on(t.userId),
    uniqueIndex('api_keys_user_id_token_name_idx')
      .on(t.userId, t.tokenName)
      .where(sql`${t.tokenName} <> ''`),
  ],
);
