import type { RawStore } from '../../../db/queries/index.ts';
import { userSecretColumns, userSecretObject } from '../resources/user-secrets.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';

/** The secret(s) of the input's user: the object is known before any row (or value) is read. */
const ofUser = (input: { userId: string }) => userSecretObject(input.userId);
const readable = ['read', 'user_secret', userSecretColumns] as const;

/**
 * Authorization of user secrets (domain.md: user secrets). Each check runs on the input's user
 * BEFORE the query, so a denied caller never makes the store load a value. No human role but the
 * secret's own user holds `user_secret` (a site owner has none).
 */
export const userSecretsMethods = {
  createUserSecret: authorizeArgs('create', ofUser),
  getUserSecretByName: authorizeArgs('read', ofUser),
  listUserSecrets: filteredList(...readable),
  countUserSecrets: filteredCount(...readable),
  updateUserSecret: authorizeArgs('update', ofUser),
  deleteUserSecret: authorizeArgs('delete', ofUser),
  /**
   * Values of every secret of a user, for a workspace start: checked on an owner-less
   * `user_secret` (any user's secrets), which only a SITE-level read covers: `asSecretsReader`.
   * The user themselves, a site owner and `asSystemRestricted` are all refused.
   */
  listUserSecretsWithValues: authorizeArgs('read', () => ({ type: 'user_secret' })),
} satisfies Declarations<RawStore>;
