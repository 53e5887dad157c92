import type { Action, ResourceType } from '../../rbac/catalogue.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import type { FilterResult } from '../../sql/filter-result.ts';
import type { CallContext } from '../call-context.ts';
import { declare, type RawCall } from './declaration.ts';
import { filterOptions } from './filter-options.ts';

/** Builds the filter of a list whose RBAC type depends on the row (e.g. dormant workspaces). */
export type FilterBuilder = (ctx: CallContext<unknown>) => FilterResult;

function builder(source: Action | FilterBuilder, type?: ResourceType, columns?: ColumnMap) {
  if (typeof source === 'function') return source;
  const [t, c] = [type, columns] as [ResourceType, ColumnMap]; // the overloads require both
  return (ctx: CallContext<unknown>) => ctx.filter(source, t, c);
}

function filtered<Empty>(kind: 'list' | 'count', empty: Empty, build: FilterBuilder) {
  return declare(
    kind,
    async <S, I, R>(ctx: CallContext<S>, call: RawCall<I, R | Empty>, input: I) => {
      const filter = build(ctx as CallContext<unknown>);
      if (filter.kind === 'none') return empty; // no row can match: the raw store is not called
      return call(input, filterOptions(filter));
    },
  );
}

/**
 * A list filtered in SQL: `prepare` the actor's predicate for `type`, compile it with the table's
 * column map and AND it into the raw query's WHERE (exact paging). `none` returns `[]` unqueried.
 * @example listUsers: filteredList('read', 'user', userColumns)
 */
export function filteredList(
  action: Action,
  type: ResourceType,
  columns: ColumnMap,
): ReturnType<typeof filtered<never[]>>;
/** A list whose filter is built by hand from `ctx.filter` calls and `src/sql` combinators. */
export function filteredList(build: FilterBuilder): ReturnType<typeof filtered<never[]>>;
export function filteredList(
  source: Action | FilterBuilder,
  type?: ResourceType,
  columns?: ColumnMap,
) {
  return filtered('list', [] as never[], builder(source, type, columns));
}

/** A count filtered in SQL exactly like `filteredList`; `none` returns 0 unqueried. */
export function filteredCount(
  action: Action,
  type: ResourceType,
  columns: ColumnMap,
): ReturnType<typeof filtered<0>>;
/** A count whose filter is built by hand, as for `filteredList(build)`. */
export function filteredCount(build: FilterBuilder): ReturnType<typeof filtered<0>>;
export function filteredCount(
  source: Action | FilterBuilder,
  type?: ResourceType,
  columns?: ColumnMap,
) {
  return filtered('count', 0 as const, builder(source, type, columns));
}
