// Policy predicate -> drizzle SQL. Imports only src/rbac and drizzle-orm.
export type { ColumnExpression, ColumnKind, ColumnMap, ColumnRef } from './column-map.ts';
export { isCanonicalUuid } from './column-map.ts';
export { filterAnd, filterNot, filterOr } from './combine-filters.ts';
export { compileFilter } from './compile-filter.ts';
export type { FilterResult } from './filter-result.ts';
export { ALL, filterWhere, NONE, toWhere } from './filter-result.ts';
