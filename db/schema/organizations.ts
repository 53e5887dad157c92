import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { timestamps } from './columns.ts';
import { users } from './users.ts';

/** Who may own a shared workspace in an organization (Coder's workspace sharing setting). */
export const SHAREABLE_WORKSPACE_OWNERS = ['none', 'everyone', 'service_accounts'] as const;

/** Organizations; `default_org_member_roles` is what every new member gets. Soft deleted. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    displayName: text('display_name').notNull().default(''),
    description: text('description').notNull().default(''),
    icon: text('icon').notNull().default(''),
    isDefault: boolean('is_default').notNull().default(false),
    defaultOrgMemberRoles: text('default_org_member_roles')
      .array()
      .notNull()
      .default(sql`'{organization-workspace-access}'::text[]`),
    shareableWorkspaceOwners: text('shareable_workspace_owners')
      .$type<(typeof SHAREABLE_WORKSPACE_OWNERS)[number]>()
      .notNull()
      .default('everyone'),
    deleted: boolean('deleted').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('organizations_name_lower_idx')
      .on(sql`lower(${t.name})`)
      .where(sql`${t.deleted} = false`),
    uniqueIndex('organizations_single_default_idx')
      .on(t.isDefault)
      .where(sql`${t.isDefault} = true AND ${t.deleted} = false`),
    check(
      'organizations_shareable_workspace_owners_check',
      sql`${t.shareableWorkspaceOwners} IN ('none', 'everyone', 'service_accounts')`,
    ),
  ],
);

/** Membership of a user in an organization, with the org role names (beyond the implied member). */
export const organizationMembers = pgTable(
  'organization_members',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ name: 'organization_members_pkey', columns: [t.organizationId, t.userId] }),
    index('organization_members_user_id_idx').on(t.userId),
  ],
);
