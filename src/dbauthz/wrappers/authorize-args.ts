import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import type { Target } from '../target.ts';
import { declare, type RawCall } from './declaration.ts';

/**
 * A write whose object comes from the arguments (optionally with lookups through `ctx.raw`, wrapped
 * in `ctx.fetch`): authorize `action` on it, then run the raw method.
 * @example insertUser: authorizeArgs('create', () => object('user'))
 */
export function authorizeArgs<I, S = unknown>(
  action: Action,
  toTarget: (input: I, ctx: CallContext<S>) => Target | Promise<Target>,
) {
  return declare(
    'args',
    async <J extends I, R>(ctx: CallContext<S>, call: RawCall<J, R>, input: J) => {
      ctx.authorize(action, await toTarget(input, ctx));
      return call(input);
    },
  );
}
