import type { RbacObject } from '../../rbac/types.ts';

/**
 * A user's secret as an RBAC object: owned by that user, no org. Only the user-level grant of the
 * `member` role (for the user themselves) and site-level grants (the secrets reader only) match.
 */
export function userSecretObject(userId: string): RbacObject {
  return { type: 'user_secret', owner: userId };
}
