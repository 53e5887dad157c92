import type { Action } from '../../rbac/catalogue.ts';
import { ForbiddenError } from '../../rbac/errors.ts';
import type { CallContext } from '../call-context.ts';
import { type Target, targetObjects } from '../target.ts';
import { declare, type RawCall } from './declaration.ts';

/**
 * A read by key with a second way in: run the raw getter, allow when the actor may do `action` on
 * the row's object, else when `fallback` (which may look rows up and make its own checks) says so.
 * A missing row and a denial raise the same `ForbiddenError`.
 * @example getFileById: fetchThenAuthorizeOr('read', fileObject, (file, ctx) => usedByUpdatableTemplate(file, ctx))
 */
export function fetchThenAuthorizeOr<Row, S = unknown>(
  action: Action,
  toTarget: (row: Row) => Target,
  fallback: (row: Row, ctx: CallContext<S>) => Promise<boolean>,
) {
  return declare(
    'fetch',
    async <I, R extends Row>(ctx: CallContext<S>, call: RawCall<I, R>, input: I) => {
      const row = await ctx.fetch(call(input), action);
      const objects = targetObjects(toTarget(row));
      if (objects.some((object) => ctx.can(action, object))) return row;
      if (await fallback(row, ctx)) return row;
      const object = objects.length === 1 ? objects[0] : objects;
      throw new ForbiddenError({ actor: ctx.actor.id, action, object, reason: 'forbidden' });
    },
  );
}
