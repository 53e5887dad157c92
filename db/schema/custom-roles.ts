import { sql } from 'drizzle-orm';
import { boolean, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { organizations } from './organizations.ts';

/** One stored permission of a custom role: resource type, action (or `*`), and whether it denies. */
export interface StoredPermission {
  readonly type: string;
  readonly action: string;
  readonly negate: boolean;
}

/** Organization-scoped custom roles with their permissions per level, as jsonb arrays. */
export const customRoles = pgTable(
  'custom_roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    displayName: text('display_name').notNull().default(''),
    sitePermissions: jsonb('site_permissions').$type<StoredPermission[]>().notNull().default([]),
    orgPermissions: jsonb('org_permissions').$type<StoredPermission[]>().notNull().default([]),
    userPermissions: jsonb('user_permissions').$type<StoredPermission[]>().notNull().default([]),
    memberPermissions: jsonb('member_permissions')
      .$type<StoredPermission[]>()
      .notNull()
      .default([]),
    isSystem: boolean('is_system').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('custom_roles_organization_id_name_lower_idx').on(
      t.organizationId,
      sql`lower(${t.name})`,
    ),
  ],
);
