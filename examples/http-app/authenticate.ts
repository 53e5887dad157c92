import {
  type AllowListEntry,
  type AuthorizedStore,
  allowListEntry,
  createSubject,
  hasErrorCode,
  type ResourceType,
  type Subject,
} from '../../src/index.ts';
import { parseBearer, secretMatches } from './api-token.ts';

/** Builds a user's subject (roles, groups; scope `coder:all`) from the database. */
export type SubjectLoader = (userId: string) => Promise<Subject>;

/** The key's stored allow list (`type:id` strings) as engine entries. */
function allowListOf(entries: readonly string[]): AllowListEntry[] {
  return entries.map((entry) => {
    const at = entry.indexOf(':');
    return allowListEntry(entry.slice(0, at) as ResourceType | '*', entry.slice(at + 1));
  });
}

/**
 * The subject of a request, or `undefined` when its API key is missing, unknown, expired or wrong.
 * The key is read by the restricted system actor (no user is known yet); the subject carries the
 * key's scopes and allow list, so a narrowly scoped key stays narrow in every query.
 */
export async function authenticate(
  store: AuthorizedStore,
  loadSubject: SubjectLoader,
  authorization: string | undefined,
  now: Date = new Date(),
): Promise<Subject | undefined> {
  const token = parseBearer(authorization);
  if (token === undefined) return undefined;
  const system = store.asSystemRestricted();
  let key: Awaited<ReturnType<AuthorizedStore['getApiKeyById']>>;
  try {
    key = await system.getApiKeyById({ id: token.id });
  } catch (error) {
    if (hasErrorCode(error, 'forbidden') || hasErrorCode(error, 'not_found')) return undefined;
    throw error;
  }
  if (key.expiresAt <= now || !secretMatches(token.secret, key.hashedSecret)) return undefined;
  const user = await loadSubject(key.userId).catch((error: unknown) => {
    if (hasErrorCode(error, 'not_found') || hasErrorCode(error, 'forbidden')) return undefined;
    throw error;
  });
  if (user === undefined) return undefined;
  await system.updateApiKeyLastUsed({ id: key.id, lastUsed: now });
  return createSubject({
    id: user.id,
    roles: user.roles,
    groups: user.groups,
    scope: { scopes: key.scopes, allowList: allowListOf(key.allowList) },
    type: 'api_key',
  });
}
