import type { Action } from '../../rbac/catalogue.ts';
import { ForbiddenError } from '../../rbac/errors.ts';
import type { CallContext } from '../call-context.ts';
import { isSystemActor } from '../system-actors/system-actors.ts';

/**
 * Refuses an attribution field (`createdBy`, `initiatorId`) naming anyone but a human actor: a
 * user acts under their own name, the site owner included. A system actor acts on someone's
 * behalf and names them. Throws the same `ForbiddenError` as a denial (reason `attribution`).
 */
export function requireActorAttribution(
  ctx: CallContext<unknown>,
  field: string,
  userId: string,
  action: Action,
): void {
  if (userId === ctx.actor.id || isSystemActor(ctx.actor)) return;
  throw new ForbiddenError({
    actor: ctx.actor.id,
    action,
    object: { field, userId },
    reason: 'attribution',
  });
}
