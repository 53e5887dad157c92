import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import type { Target } from '../target.ts';
import { declare, type RawCall } from './declaration.ts';

/**
 * A read by key: run the raw getter, authorize `action` on the row's object, return the row.
 * A missing row and a denial raise the same `ForbiddenError` (reason kept in `detail`).
 * @example getUserById: fetchThenAuthorize('read', userObject)
 */
export function fetchThenAuthorize<Row>(action: Action, toTarget: (row: Row) => Target) {
  return declare(
    'fetch',
    async <S, I, R extends Row>(ctx: CallContext<S>, call: RawCall<I, R>, input: I) => {
      const row = await ctx.fetch(call(input), action);
      ctx.authorize(action, toTarget(row));
      return row;
    },
  );
}
