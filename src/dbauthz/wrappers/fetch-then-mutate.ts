import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import type { Target } from '../target.ts';
import { declare, type RawCall } from './declaration.ts';

/**
 * A write on an existing row: fetch it (a missing row is a `ForbiddenError`), authorize `action`
 * (or the action the input asks for) on its object, then run the raw mutation.
 * @example updateUserStatus: fetchThenMutate((raw: RawStore, i: { id: string }) => raw.getUserById(i), 'update', userObject)
 */
export function fetchThenMutate<S, I, Row>(
  fetch: (raw: S, input: I) => Promise<Row>,
  action: Action | ((input: I, row: Row) => Action),
  toTarget: (row: Row) => Target,
) {
  return declare(
    'mutate',
    async <J extends I, R>(ctx: CallContext<S>, call: RawCall<J, R>, input: J) => {
      const verb = typeof action === 'function' ? undefined : action;
      const row = await ctx.fetch(fetch(ctx.raw, input), verb ?? 'read');
      ctx.authorize(verb ?? (action as (input: I, row: Row) => Action)(input, row), toTarget(row));
      return call(input);
    },
  );
}
