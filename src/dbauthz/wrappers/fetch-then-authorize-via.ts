import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import type { Target } from '../target.ts';
import { declare, type RawCall } from './declaration.ts';

/**
 * A read by key whose object lives on a parent row: run the raw getter, look the parent up from
 * the row (through `ctx.fetch(ctx.raw...)`), authorize `action` on it, return the row. A missing
 * row, a missing parent and a denial raise the same `ForbiddenError`.
 * @example getWorkspaceBuildById: fetchThenAuthorizeVia('read', (build, ctx) => workspaceOf(build, ctx))
 */
export function fetchThenAuthorizeVia<Row, S = unknown>(
  action: Action,
  toTarget: (row: Row, ctx: CallContext<S>) => Promise<Target>,
) {
  return declare(
    'fetch',
    async <I, R extends Row>(ctx: CallContext<S>, call: RawCall<I, R>, input: I) => {
      const row = await ctx.fetch(call(input), action);
      ctx.authorize(action, await toTarget(row, ctx));
      return row;
    },
  );
}
