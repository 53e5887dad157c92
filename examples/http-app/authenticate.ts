import { type AuthorizedStore, hasErrorCode, type Subject, subjectFromApiKey } from 'dbauthz';
import { parseBearer, secretMatches } from './api-token.ts';

/** How stale a key's `last_used` may get before a request writes it again (reads stay read-only). */
export const LAST_USED_EVERY_MS = 60 * 60 * 1000;

/** Errors that mean "this key does not authenticate anyone": unknown, expired, suspended user. */
const refused = (error: unknown) =>
  hasErrorCode(error, 'forbidden') || hasErrorCode(error, 'not_found');

/**
 * The subject of a request, or `undefined` when its API key is missing, unknown, expired or wrong,
 * or its user is suspended or deleted. The key and its owner's roles, memberships and groups are
 * read by the restricted system actor (no user is known yet) in ONE statement
 * (`getApiKeyAuthorization`), so the request's own query is its second (a third only for a user
 * holding a custom role); the subject carries the key's scopes and allow list, so a narrowly
 * scoped key stays narrow in every query. `last_used` is written at most once an hour per key.
 */
export async function authenticate(
  store: AuthorizedStore,
  authorization: string | undefined,
  now: Date = new Date(),
): Promise<Subject | undefined> {
  const token = parseBearer(authorization);
  if (token === undefined) return undefined;
  const system = store.asSystemRestricted();
  try {
    const { key, user } = await system.getApiKeyAuthorization({ id: token.id });
    if (!secretMatches(token.secret, key.hashedSecret)) return undefined;
    // The owner's rows came with the key: building the subject sends no statement for them.
    const subject = await subjectFromApiKey(store, key, now, { loaded: user });
    if (key.lastUsed === null || now.getTime() - key.lastUsed.getTime() >= LAST_USED_EVERY_MS) {
      await system.updateApiKeyLastUsed({ id: key.id, lastUsed: now });
    }
    return subject;
  } catch (error) {
    if (refused(error)) return undefined;
    throw error;
  }
}
