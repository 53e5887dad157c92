import type { RawStore } from '../../../db/queries/index.ts';
import {
  authorizeKeyOwner,
  authorizeKeyScope,
  validateKeyScopes,
} from '../checks/authorize-key-scope.ts';
import { apiKeyColumns, apiKeyObject } from '../resources/api-keys.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { guardedWrite, rowGuard } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

/** Authorization of the API keys area (domain.md: api keys): every key is owned by its user. */
export const apiKeysMethods = {
  /**
   * Created for `userId`. Scope names and allow-list types must exist (`invalid_input`, checked
   * first, as input). A user mints keys for themselves only, a site owner included; a key for
   * someone else needs a system actor (`authorizeKeyOwner`: the login flow's
   * `asSystemRestricted`, the only one granted `api_key` create). Then `create` on the key, and a
   * scoped session cannot mint a broader key (`authorizeKeyScope`: unless the session is
   * `coder:all` over `*:*`, the key's scopes must be among the session's scope names and its
   * allow list within the session's).
   */
  insertApiKey: custom(async (ctx, call, input) => {
    validateKeyScopes(input);
    authorizeKeyOwner(ctx.actor, input);
    ctx.authorize('create', { type: 'api_key', owner: input.userId });
    authorizeKeyScope(ctx.actor, input);
    return call(input);
  }),
  /** Lookup for authentication runs as `asSystemRestricted`; a user may also read their own key. */
  getApiKeyById: fetchThenAuthorize('read', apiKeyObject),
  /**
   * The authentication read of a request (the key with its owner's authorization rows, one
   * statement): the stricter of the two reads it replaces, so both checks. `system` read first
   * (as `getAuthorizationUserRoles`: only system actors and a site owner; refused before any
   * query), then `read` on the key it found (as `getApiKeyById`); a missing key is the same
   * `ForbiddenError` a denial gives.
   */
  getApiKeyAuthorization: custom(async (ctx, call, input) => {
    ctx.authorize('read', { type: 'system' });
    const found = await ctx.fetch(call(input), 'read');
    ctx.authorize('read', apiKeyObject(found.key));
    return found;
  }),
  listApiKeysByUser: filteredList('read', 'api_key', apiKeyColumns),
  countApiKeysByUser: filteredCount('read', 'api_key', apiKeyColumns),
  /** Guarded: `delete` on the key, decided in the DELETE itself. */
  deleteApiKey: guardedWrite('delete', rowGuard('delete', 'api_key', apiKeyColumns)),
  /** `update` on the key (guarded): the restricted system actor during authentication, and the key's owner. */
  updateApiKeyLastUsed: guardedWrite('update', rowGuard('update', 'api_key', apiKeyColumns)),
} satisfies Declarations<RawStore>;
