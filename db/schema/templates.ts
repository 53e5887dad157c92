import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  index,
  pgTable,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { aclColumn, timestamps } from './columns.ts';
import { organizations } from './organizations.ts';
import { provisionerJobs } from './provisioners.ts';
import { users } from './users.ts';

/** Templates of an organization, with user and group ACLs; soft deleted (`deleted = true`). */
export const templates = pgTable(
  'templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    displayName: text('display_name').notNull().default(''),
    description: text('description').notNull().default(''),
    icon: text('icon').notNull().default(''),
    provisioner: text('provisioner').notNull().default('terraform'),
    activeVersionId: uuid('active_version_id').references((): AnyPgColumn => templateVersions.id, {
      onDelete: 'set null',
    }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    userAcl: aclColumn('user_acl'),
    groupAcl: aclColumn('group_acl'),
    requireActiveVersion: boolean('require_active_version').notNull().default(false),
    /** Milliseconds of inactivity after which a workspace turns dormant (0 = never), as Coder's. */
    timeTilDormant: bigint('time_til_dormant', { mode: 'number' }).notNull().default(0),
    /** Milliseconds a dormant workspace waits before it is deleted (0 = never), as Coder's. */
    timeTilDormantAutodelete: bigint('time_til_dormant_autodelete', { mode: 'number' })
      .notNull()
      .default(0),
    deleted: boolean('deleted').notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex('templates_organization_id_name_lower_idx')
      .on(t.organizationId, sql`lower(${t.name})`)
      .where(sql`${t.deleted} = false`),
    check('templates_time_til_dormant_non_negative', sql`${t.timeTilDormant} >= 0`),
    check(
      'templates_time_til_dormant_autodelete_non_negative',
      sql`${t.timeTilDormantAutodelete} >= 0`,
    ),
  ],
);

/** Versions of a template; a version may exist before its template (imported first). */
export const templateVersions = pgTable(
  'template_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    templateId: uuid('template_id').references((): AnyPgColumn => templates.id, {
      onDelete: 'cascade',
    }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    message: text('message').notNull().default(''),
    readme: text('readme').notNull().default(''),
    jobId: uuid('job_id')
      .notNull()
      .references(() => provisionerJobs.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    ...timestamps(),
  },
  (t) => [
    unique('template_versions_template_id_name_key').on(t.templateId, t.name),
    index('template_versions_template_id_idx').on(t.templateId),
  ],
);
