import type { FilterResult } from '../../sql/filter-result.ts';
import type { CallContext } from '../call-context.ts';
import { declare, type RawCall } from './declaration.ts';
import { filterOptions } from './filter-options.ts';

/** Builds a list's filter from its input, with lookups through `ctx.fetch(ctx.raw...)`. */
export type InputFilterBuilder<I, S> = (input: I, ctx: CallContext<S>) => Promise<FilterResult>;

function filteredOf<I, S, Empty>(
  kind: 'list' | 'count',
  empty: Empty,
  build: InputFilterBuilder<I, S>,
) {
  return declare(
    kind,
    async <J extends I, R>(ctx: CallContext<S>, call: RawCall<J, R | Empty>, input: J) => {
      const filter = await build(input, ctx);
      if (filter.kind === 'none') return empty; // no row can match: the raw query is not run
      return call(input, filterOptions(filter));
    },
  );
}

/**
 * A list filtered in SQL whose column map depends on a row looked up from the input (e.g. the
 * members of one group carry that group's org and ACL). `none` returns `[]` unqueried.
 * @example listGroupMembers: filteredListOf(async (i, ctx) => ctx.filter('read', 'group_member', columnsOf(await ...)))
 */
export function filteredListOf<I, S = unknown>(build: InputFilterBuilder<I, S>) {
  return filteredOf('list', [] as never[], build);
}

/** A count filtered exactly like `filteredListOf`; `none` returns 0 unqueried. */
export function filteredCountOf<I, S = unknown>(build: InputFilterBuilder<I, S>) {
  return filteredOf('count', 0 as const, build);
}
