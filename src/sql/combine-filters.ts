import { type SQL, sql } from 'drizzle-orm';
import { ALL, type FilterResult, filterWhere, NONE } from './filter-result.ts';

function joinConditions(items: readonly FilterResult[], glue: 'and' | 'or'): FilterResult {
  const conditions: SQL[] = [];
  for (const item of items) if (item.kind === 'where') conditions.push(item.sql);
  if (conditions.length === 0) return glue === 'and' ? ALL : NONE;
  if (conditions.length === 1) return filterWhere(conditions[0]!);
  return filterWhere(sql`(${sql.join(conditions, sql.raw(` ${glue} `))})`);
}

/** Every filter must hold: `none` anywhere gives `none`, `all` items drop out, none left gives `all`. */
export function filterAnd(...items: readonly FilterResult[]): FilterResult {
  if (items.some((item) => item.kind === 'none')) return NONE;
  return joinConditions(items, 'and');
}

/** Some filter must hold: `all` anywhere gives `all`, `none` items drop out, none left gives `none`. */
export function filterOr(...items: readonly FilterResult[]): FilterResult {
  if (items.some((item) => item.kind === 'all')) return ALL;
  return joinConditions(items, 'or');
}

/** The negation of a filter whose condition is two-valued (as every compiled filter is). */
export function filterNot(item: FilterResult): FilterResult {
  if (item.kind === 'all') return NONE;
  if (item.kind === 'none') return ALL;
  return filterWhere(sql`not (${item.sql})`);
}
