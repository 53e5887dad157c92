import type { Action } from '../rbac/catalogue.ts';
import { ForbiddenError, hasErrorCode } from '../rbac/errors.ts';

/**
 * Turns a `not_found` error into the `ForbiddenError` a denial raises, so a caller cannot tell a
 * missing row from one it may not see; the true reason stays in `detail.reason` and `cause`.
 * Any other error (cancellation included) is returned untouched.
 */
export function hideNotFound(error: unknown, actor: string, action: Action): unknown {
  if (!hasErrorCode(error, 'not_found')) return error;
  return new ForbiddenError({ actor, action, reason: 'not_found' }, { cause: error });
}
