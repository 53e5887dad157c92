import { index, integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/** Groups of an organization; the "Everyone" group has the organization's id and implicit members. */
export const groups = pgTable(
  'groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    displayName: text('display_name').notNull().default(''),
    avatarUrl: text('avatar_url').notNull().default(''),
    quotaAllowance: integer('quota_allowance').notNull().default(0),
    source: text('source').notNull().default('user'),
    ...timestamps(),
  },
  (t) => [unique('groups_organization_id_name_key').on(t.organizationId, t.name)],
);

/** Explicit group memberships (the Everyone group's members are the org's members, not rows here). */
export const groupMembers = pgTable(
  'group_members',
  {
    groupId: uuid('group_id')
      .notNull()
      .references(() => groups.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'group_members_pkey', columns: [t.groupId, t.userId] }),
    index('group_members_user_id_idx').on(t.userId),
  ],
);
