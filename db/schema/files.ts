import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamptz } from './columns.ts';
import { users } from './users.ts';

/** Uploaded files (template sources), deduplicated per creator by content hash. */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hash: text('hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    mimetype: text('mimetype').notNull(),
    data: bytea('data').notNull(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
  },
  (t) => [unique('files_hash_created_by_key').on(t.hash, t.createdBy)],
);
