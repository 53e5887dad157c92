import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps, timestamptz } from './columns.ts';
import { provisionerJobStatus, provisionerJobType } from './enums.ts';
import { files } from './files.ts';
import { organizations } from './organizations.ts';
import { users } from './users.ts';

/**
 * Provisioner daemons registered in an organization, unique by name per owner there (the owner
 * key is the `owner` tag, lowercased, '' without one), as Coder's `provisioner_daemons`.
 */
export const provisionerDaemons = pgTable(
  'provisioner_daemons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    provisioners: text('provisioners').array().notNull().default(sql`'{terraform}'::text[]`),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    version: text('version').notNull().default(''),
    lastSeenAt: timestamptz('last_seen_at'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('provisioner_daemons_org_name_owner_key').on(
      t.organizationId,
      t.name,
      sql`lower(coalesce(${t.tags} ->> 'owner', ''))`,
    ),
  ],
);

/** Provisioner jobs: template imports and workspace builds, acquired by daemons in FIFO order. */
export const provisionerJobs = pgTable(
  'provisioner_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    initiatorId: uuid('initiator_id')
      .notNull()
      .references(() => users.id),
    provisioner: text('provisioner').notNull().default('terraform'),
    type: provisionerJobType('type').notNull(),
    status: provisionerJobStatus('status').notNull().default('pending'),
    fileId: uuid('file_id').references(() => files.id),
    input: jsonb('input').$type<Record<string, unknown>>().notNull().default({}),
    tags: jsonb('tags').$type<Record<string, string>>().notNull().default({}),
    workerId: uuid('worker_id').references(() => provisionerDaemons.id, { onDelete: 'set null' }),
    startedAt: timestamptz('started_at'),
    completedAt: timestamptz('completed_at'),
    error: text('error'),
    ...timestamps(),
  },
  (t) => [
    index('provisioner_jobs_pending_idx')
      .on(t.organizationId, t.createdAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);
