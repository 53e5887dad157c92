import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps, timestamptz } from './columns.ts';
import { userStatus } from './enums.ts';

/** The fixed id of the prebuilds system user (Coder's), seeded by a migration. */
export const PREBUILDS_SYSTEM_USER_ID = 'c42fdf75-3097-471c-8c33-fb52454d81c0';

/** Users: site role names live in `rbac_roles`; `member` is implied and never stored. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    username: text('username').notNull(),
    name: text('name').notNull().default(''),
    avatarUrl: text('avatar_url').notNull().default(''),
    status: userStatus('status').notNull().default('active'),
    rbacRoles: text('rbac_roles').array().notNull().default(sql`'{}'::text[]`),
    isSystem: boolean('is_system').notNull().default(false),
    deleted: boolean('deleted').notNull().default(false),
    lastSeenAt: timestamptz('last_seen_at'),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx')
      .on(sql`lower(${t.username})`)
      .where(sql`${t.deleted} = false`),
    uniqueIndex('users_email_lower_idx')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.deleted} = false`),
    index('users_created_at_idx').on(t.createdAt),
  ],
);
