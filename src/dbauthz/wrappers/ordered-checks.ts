import type { Action } from '../../rbac/catalogue.ts';
import type { CallContext } from '../call-context.ts';
import type { Target } from '../target.ts';
import { type Declaration, declare, type RawCall } from './declaration.ts';

/** One check of an ordered list: an action on a target. */
export interface Check {
  readonly action: Action;
  readonly target: Target;
}

/**
 * A method needing several checks (e.g. template `use` then workspace `create`): build them from
 * the input (lookups through `ctx.fetch(ctx.raw...)`), make them in order, then run the raw method.
 * @example insertWorkspace: orderedChecks(async (i, ctx) => [{ action: 'use', target: ... }, ...])
 */
export function orderedChecks<I, S = unknown>(
  checks: (input: I, ctx: CallContext<S>) => readonly Check[] | Promise<readonly Check[]>,
) {
  return declare(
    'custom',
    async <J extends I, R>(ctx: CallContext<S>, call: RawCall<J, R>, input: J) => {
      for (const check of await checks(input, ctx)) ctx.authorize(check.action, check.target);
      return call(input);
    },
  );
}

/**
 * The escape hatch: a hand-written run for a rule no wrapper expresses (role assignment deltas,
 * escalation checks). It must authorize before calling `call`; the audit suite checks that it does.
 * Written as a property of an area's `satisfies Declarations<RawStore>` record, its store, input
 * and result types come from the method name: no type arguments.
 * @example insertApiKey: custom(async (ctx, call, input) => { ctx.authorize(...); return call(input); })
 */
export function custom<S, I, R>(
  run: (ctx: CallContext<S>, call: RawCall<I, R>, input: I) => Promise<R>,
): Declaration<S, I, R> {
  return declare('custom', run);
}
