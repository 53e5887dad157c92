import type { Predicate } from '../rbac/types.ts';
import type { ColumnMap } from './column-map.ts';
import { filterAnd, filterNot, filterOr } from './combine-filters.ts';
import { compileAcl, compileMembership, compileMissing } from './compile-leaf.ts';
import { factorPredicate } from './factor-predicate.ts';
import { ALL, type FilterResult, NONE } from './filter-result.ts';

function compileNode(predicate: Predicate, columns: ColumnMap): FilterResult {
  switch (predicate.op) {
    case 'true':
      return ALL;
    case 'false':
      return NONE;
    case 'eq':
    case 'in':
      return compileMembership(columns, predicate);
    case 'missing':
      return compileMissing(columns, predicate);
    case 'acl':
      return compileAcl(columns, predicate);
    case 'and':
      return filterAnd(...predicate.items.map((item) => compileNode(item, columns)));
    case 'or':
      return filterOr(...predicate.items.map((item) => compileNode(item, columns)));
    case 'not':
      return filterNot(compileNode(predicate.item, columns));
    default:
      return NONE; // an operator this compiler does not know denies
  }
}

/**
 * Compiles a prepared predicate into a filter over one table. Common terms of `or` branches are
 * factored out first (`factorPredicate`), so each condition appears, and is bound, once. Constants
 * fold away (`all` is no condition at all, `none` is no row), a field the map lacks behaves as
 * absent, every leaf is two-valued (NULL-safe under `not`) and every value is a bound parameter.
 * @example
 * const result = compileFilter(authorizer.prepare(subject, 'read', 'workspace'), workspaceColumns);
 * if (result.kind === 'none') return [];
 */
export function compileFilter(predicate: Predicate, columns: ColumnMap): FilterResult {
  return compileNode(factorPredicate(predicate), columns);
}

/** `compileFilter` for a predicate `factorPredicate` already returned (the filter cache's own). */
export function compileFactoredFilter(factored: Predicate, columns: ColumnMap): FilterResult {
  return compileNode(factored, columns);
}
