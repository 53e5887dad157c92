import type { FilterResult } from '../../sql/filter-result.ts';
import type { RawCallOptions } from './declaration.ts';

/**
 * The raw call options carrying an authorization filter: its WHERE for `where`, no condition for
 * `all`. A `none` filter must never reach here: the caller answers it without a query.
 */
export function filterOptions(filter: FilterResult): RawCallOptions {
  if (filter.kind === 'none') throw new TypeError('a none filter runs no query');
  return filter.kind === 'where' ? { where: filter.sql } : {};
}
