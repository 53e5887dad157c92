import type { Action } from '../../rbac/catalogue.ts';
import { ForbiddenError } from '../../rbac/errors.ts';
import type { CallContext } from '../call-context.ts';

/**
 * Refuses a write whose input names rows that do not belong together (a template of another org,
 * a version of another template): the same `ForbiddenError` as a denial, with reason `mismatch`
 * and what did not match in the detail (for logs only).
 */
export function requireMatch(
  ctx: CallContext<unknown>,
  matches: boolean,
  action: Action,
  object: unknown,
): void {
  if (matches) return;
  throw new ForbiddenError({ actor: ctx.actor.id, action, object, reason: 'mismatch' });
}
