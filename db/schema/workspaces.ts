import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { aclColumn, timestamps, timestamptz } from './columns.ts';
import { organizations } from './organizations.ts';
import { templates } from './templates.ts';
import { users } from './users.ts';

/** Workspaces: owned by a user in an org, built from a template, shareable by ACL; soft deleted. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    templateId: uuid('template_id')
      .notNull()
      .references(() => templates.id),
    name: text('name').notNull(),
    autostartSchedule: text('autostart_schedule'),
    userAcl: aclColumn('user_acl'),
    groupAcl: aclColumn('group_acl'),
    dormantAt: timestamptz('dormant_at'),
    deletingAt: timestamptz('deleting_at'),
    lastUsedAt: timestamptz('last_used_at'),
    deleted: boolean('deleted').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('workspaces_owner_id_name_lower_idx')
      .on(t.ownerId, sql`lower(${t.name})`)
      .where(sql`${t.deleted} = false`),
    index('workspaces_organization_id_idx').on(t.organizationId),
    index('workspaces_template_id_idx').on(t.templateId),
  ],
);
