import {
  type AuthorizedStore,
  hasErrorCode,
  type Subject,
  subjectFromApiKey,
} from '../../src/index.ts';
import { parseBearer, secretMatches } from './api-token.ts';

/** Errors that mean "this key does not authenticate anyone": unknown, expired, suspended user. */
const refused = (error: unknown) =>
  hasErrorCode(error, 'forbidden') || hasErrorCode(error, 'not_found');

/**
 * The subject of a request, or `undefined` when its API key is missing, unknown, expired or wrong,
 * or its user is suspended. The key is read by the restricted system actor (no user is known yet);
 * the subject carries the key's scopes and allow list, so a narrowly scoped key stays narrow in
 * every query.
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
    const key = await system.getApiKeyById({ id: token.id });
    if (!secretMatches(token.secret, key.hashedSecret)) return undefined;
    const subject = await subjectFromApiKey(store, key, now);
    await system.updateApiKeyLastUsed({ id: key.id, lastUsed: now });
    return subject;
  } catch (error) {
    if (refused(error)) return undefined;
    throw error;
  }
}
