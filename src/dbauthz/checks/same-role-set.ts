import { type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type FilterResult, filterWhere } from '../../sql/filter-result.ts';

/**
 * The compare-and-set half of a role write's guard: the stored role array still holds exactly the
 * roles the check was made on (as a set: order and duplicates aside). A write racing another role
 * change then writes nothing instead of undoing it.
 */
export function sameRoleSet(column: AnyPgColumn, roles: readonly string[]): FilterResult {
  // One jsonb parameter (drizzle would spread a JS array into a list of parameters).
  const expected: SQL = sql`array(select jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))`;
  return filterWhere(sql`(${column} @> ${expected} and ${column} <@ ${expected})`);
}
