import type { ApiKey } from '../../../db/types.ts';
import { ForbiddenError, InvalidPolicyError } from '../../rbac/errors.ts';
import { AllowListEntrySchema } from '../../rbac/schemas.ts';
import type { AllowListEntry, Subject } from '../../rbac/types.ts';
import type { AuthorizedStore } from '../authorized-store.ts';
import { type BuildSubjectOptions, buildSubject } from './build-subject.ts';

/** Parses a stored allow-list entry `type:id` (either part may be `*`); bad entries are `InvalidPolicyError`. */
export function parseAllowListEntry(entry: string): AllowListEntry {
  const colon = entry.indexOf(':');
  const parsed = AllowListEntrySchema.safeParse(
    colon < 0 ? {} : { type: entry.slice(0, colon), id: entry.slice(colon + 1) },
  );
  if (!parsed.success) throw new InvalidPolicyError(`invalid allow-list entry "${entry}"`);
  return parsed.data as AllowListEntry;
}

/**
 * The subject of a request authenticated by `key` (a row the caller already read, as
 * `asSystemRestricted`, and whose secret it has VERIFIED): the key owner's subject narrowed by the
 * key's scopes merged and intersected with its allow list. An expired key is a `ForbiddenError`
 * (reason `api_key_expired`). `options.loaded` hands in the owner's rows already read (the `user`
 * of `getApiKeyAuthorization`), so building the subject sends no statement for them; the same
 * checks run, in the same order.
 * @example const { key, user } = await system.getApiKeyAuthorization({ id }); (verify the secret)
 *   const subject = await subjectFromApiKey(store, key, new Date(), { loaded: user });
 */
export async function subjectFromApiKey(
  store: AuthorizedStore,
  key: Pick<ApiKey, 'userId' | 'scopes' | 'allowList' | 'expiresAt'>,
  now: Date = new Date(),
  options: Pick<BuildSubjectOptions, 'loaded'> = {},
): Promise<Subject> {
  if (key.expiresAt.getTime() <= now.getTime()) {
    throw new ForbiddenError({ actor: key.userId, reason: 'api_key_expired' });
  }
  return buildSubject(store, key.userId, {
    scope: { scopes: key.scopes, allowList: key.allowList.map(parseAllowListEntry) },
    ...(options.loaded === undefined ? {} : { loaded: options.loaded }),
  });
}
