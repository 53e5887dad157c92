import { userSecrets } from '../../../db/schema/index.ts';
import type { RbacObject } from '../../rbac/types.ts';
import { defineResource } from './define-resource.ts';

/**
 * `user_secrets` rows as `user_secret` objects: owned by their user, no org. Only the user-level
 * grant of the `member` role (for the user themselves) and site-level grants (the secrets reader
 * only) match.
 */
export const userSecretResource = defineResource({
  type: 'user_secret',
  table: userSecrets,
  columns: { id: 'id', owner: 'userId' },
});

/** The column map of `user_secrets` (from `userSecretResource`). */
export const userSecretColumns = userSecretResource.columns;

/** A user's secrets as the methods check them, by owner alone (no id): `user_secret` of that user. */
export function userSecretObject(userId: string): RbacObject {
  return { type: userSecretResource.type, owner: userId };
}
