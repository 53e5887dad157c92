import type { Action } from '../rbac/catalogue.ts';
import { ForbiddenError, hasErrorCode } from '../rbac/errors.ts';

/**
 * Turns a `not_found` error into the `ForbiddenError` a denial raises, so a caller cannot tell a
 * missing row from one it may not see. The true reason stays in `detail.reason` (for logs only);
 * no `cause` is attached, since a denial has none and error serializers often print it. Any other
 * error (cancellation included) is returned untouched.
 */
export function hideNotFound(error: unknown, actor: string, action: Action): unknown {
  if (!hasErrorCode(error, 'not_found')) return error;
  const entity = (error as { entity?: unknown }).entity;
  return new ForbiddenError({
    actor,
    action,
    reason: 'not_found',
    ...(typeof entity === 'string' ? { object: { entity } } : {}),
  });
}
