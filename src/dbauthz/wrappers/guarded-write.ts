import type { Action, ResourceType } from '../../rbac/catalogue.ts';
import { ForbiddenError } from '../../rbac/errors.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import type { FilterResult } from '../../sql/filter-result.ts';
import type { CallContext } from '../call-context.ts';
import { hideNotFound } from '../hide-not-found.ts';
import { declare, type RawCall } from './declaration.ts';
import { filterOptions } from './filter-options.ts';
import type { FilterBuilder } from './filtered-list.ts';

/** Builds the guard of a write from its input: the filter the written row must pass. */
export type GuardBuilder<I, S> = (
  input: I,
  ctx: CallContext<S>,
) => FilterResult | Promise<FilterResult>;

/**
 * Runs a guarded raw write: `none` denies with no query; otherwise the guard rides in the statement
 * that writes, and a row it excludes (denied, changed since, or missing) is one `ForbiddenError`.
 */
export async function runGuarded<I, R>(
  ctx: CallContext<unknown>,
  action: Action,
  guard: FilterResult,
  call: RawCall<I, R>,
  input: I,
): Promise<R> {
  if (guard.kind === 'none') {
    throw new ForbiddenError({ actor: ctx.actor.id, action, reason: 'forbidden' });
  }
  try {
    return await call(input, filterOptions(guard));
  } catch (error) {
    throw hideNotFound(error, ctx.actor.id, action);
  }
}

/**
 * A write decided on the row version it changes, as row-level security would: the compiled SQL
 * filter of `action` (or any guard the builder combines) is ANDed into the UPDATE/DELETE itself,
 * so a grant revoked or a row changed between a check and the write can never slip through, and it
 * costs no extra round trip. A row the guard excludes and a missing row give the same
 * `ForbiddenError`; a guard that matches nothing denies without a query.
 * @example updateUserStatus: guardedWrite('update', rowGuard('update', 'user', userColumns))
 */
export function guardedWrite<I, S = unknown>(action: Action, guard: GuardBuilder<I, S>) {
  return declare(
    'mutate',
    async <J extends I, R>(ctx: CallContext<S>, call: RawCall<J, R>, input: J) =>
      runGuarded(ctx as CallContext<unknown>, action, await guard(input, ctx), call, input),
  );
}

/** A guard that does not depend on the input: a list filter builder (e.g. `workspaceFilter`). */
export function guardOf<S = unknown>(build: FilterBuilder): GuardBuilder<unknown, S> {
  return (_input, ctx) => build(ctx as CallContext<unknown>);
}

/** The guard "the actor may do `action` on the row", over a table's column map. */
export function rowGuard<S = unknown>(
  action: Action,
  type: ResourceType,
  columns: ColumnMap,
): GuardBuilder<unknown, S> {
  return (_input, ctx) => ctx.filter(action, type, columns);
}
