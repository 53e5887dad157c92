import { type SQL, sql } from 'drizzle-orm';

/**
 * A compiled filter. `all` means no condition at all (nothing to add to the query), `none` means
 * no row may match, `where` carries the condition. Switch on `kind`; never test for a missing SQL.
 */
export type FilterResult =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'where'; readonly sql: SQL };

/** The filter that lets every row through. */
export const ALL: FilterResult = Object.freeze({ kind: 'all' });

/** The filter that lets no row through. */
export const NONE: FilterResult = Object.freeze({ kind: 'none' });

/** A filter with a condition. */
export function filterWhere(condition: SQL): FilterResult {
  return { kind: 'where', sql: condition };
}

/**
 * The filter as one SQL condition: `none` is `false`. `all` has no condition, so asking for one
 * throws unless the caller insists with `{ all: 'true' }` (then it is `true`).
 * @example db.select().from(t).where(toWhere(result, { all: 'true' }))
 */
export function toWhere(result: FilterResult, options?: { readonly all: 'true' }): SQL {
  switch (result.kind) {
    case 'none':
      return sql`false`;
    case 'where':
      return result.sql;
    case 'all':
      if (options?.all === 'true') return sql`true`;
      throw new TypeError('toWhere: an "all" filter has no condition; pass { all: "true" }');
  }
}
