import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { jsonb, PgDialect, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { ColumnMap } from '../../../src/sql/column-map.ts';

/** A test table with every kind of column the compiler handles: NOT NULL and nullable, uuid and text. */
export const things = pgTable('things', {
  id: uuid('id').primaryKey(),
  ownerId: uuid('owner_id'),
  orgId: uuid('org_id'),
  ownerName: text('owner_name'),
  orgName: text('org_name'),
  userAcl: jsonb('user_acl').$type<Record<string, string[]>>().notNull(),
  groupAcl: jsonb('group_acl').$type<Record<string, string[]>>(),
});

/** DDL of `things`, for a scratch table in a test database. */
export const createThings = sql`create table things (
  id uuid primary key, owner_id uuid, org_id uuid, owner_name text, org_name text,
  user_acl jsonb not null default '{}', group_acl jsonb)`;

/** The full column map of `things`. */
export const thingColumns: ColumnMap = {
  id: things.id,
  owner: things.ownerId,
  org: things.orgId,
  aclUsers: things.userAcl,
  aclGroups: things.groupAcl,
};

const dialect = new PgDialect();

/** `things` with its text org column standing in for the uuid one (owner and ACLs as before). */
export const textOrgColumns: ColumnMap = { ...thingColumns, org: things.orgName };

/** The SQL text and parameters drizzle sends for a fragment. */
export function render(fragment: SQL): { sql: string; params: unknown[] } {
  const query = dialect.sqlToQuery(fragment);
  return { sql: query.sql, params: query.params };
}

/**
 * The SQL text of a group ACL check over `table`: the subject's group keys as one text[] (bound
 * as `$n` for the key test and `$n+1` for the entry check), `actions` the jsonb[] of one-action arrays it looks for.
 */
export function groupsGrant(table: string, n: number, actions: string): string {
  const acl = `"${table}"."group_acl"`;
  return (
    `(${acl} ?| $${n}::text[] and exists (select 1 from ` +
    `jsonb_each(case jsonb_typeof(${acl}) when 'object' then ${acl} end) as acl_entry ` +
    `where acl_entry.key = any($${n + 1}::text[]) and acl_entry.value @> any(${actions})))`
  );
}
