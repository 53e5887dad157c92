import { is, Param, Placeholder, type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type FilterResult, filterWhere } from './filter-result.ts';

const MARK = '\u0000'; // never in PostgreSQL text or identifiers, so never in rendered SQL
const PLACEHOLDER = new RegExp(`${MARK}(\\d+)${MARK}`);

/** PostgreSQL rendering that writes parameters as marks we can split on. */
class MarkingDialect extends PgDialect {
  override escapeParam(num: number): string {
    return `${MARK}${num}${MARK}`;
  }
}

const dialect = new MarkingDialect();

/** Values drizzle binds as they are when they stand bare in a fragment, as `sql` tag values do. */
function isBareValue(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

/**
 * Drizzle's default encoder (the value as it is), as a function: drizzle asks each `Param`'s encoder
 * for a PostgreSQL type with nine `is()` class tests, which turn a non-object away at once, so
 * this saves ~1.3 µs per parameter and still answers `none`, as the default encoder does.
 */
const passThrough = Object.assign((value: unknown) => value, {
  mapToDriverValue: (value: unknown) => value,
});

/**
 * The same condition as one flat `SQL`: its text pre-rendered around its parameters (plain values,
 * bound as before). It renders to exactly the text and values of the original at any parameter
 * offset, much faster than a tree of nested fragments and columns: scalars stand bare between the
 * texts, as the `sql` tag leaves its values (drizzle binds them without testing their type), and
 * only arrays and other objects are wrapped in a `Param`. A condition it cannot flatten safely
 * (typed or placeholder parameters) comes back unchanged.
 */
export function flattenCondition(condition: SQL): SQL {
  const query = dialect.sqlToQuery(condition);
  const parts = query.sql.split(PLACEHOLDER);
  if (parts.length !== query.params.length * 2 + 1) return condition;
  if (query.typings?.some((typing) => typing !== 'none')) return condition;
  const texts: string[] = [];
  const values: unknown[] = [];
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 0) {
      texts.push(part);
      continue;
    }
    const index = (i - 1) / 2;
    const value = query.params[index];
    if (Number(part) !== index || is(value, Placeholder)) return condition;
    values.push(isBareValue(value) ? value : new Param(value, passThrough));
  }
  return sql(Object.assign(texts, { raw: texts }), ...values);
}

/** `flattenCondition` applied to a filter's condition; `all` and `none` are returned as they are. */
export function flattenFilter(result: FilterResult): FilterResult {
  return result.kind === 'where' ? filterWhere(flattenCondition(result.sql)) : result;
}
