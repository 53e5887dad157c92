import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { apiKeys, users } from '../schema/index.ts';
import type { ApiKey } from '../types.ts';
import { keyId } from './api-keys.ts';
import {
  type AuthorizationUserRoles,
  authorizationUserColumns,
  parseAuthorizationUser,
} from './authorization-user-roles.ts';
import { defineQuery, firstOrThrow, lazy } from './define.ts';

/** An API key row and its owner's authorization rows, read together by one statement. */
export interface ApiKeyAuthorization {
  /** The key, every column (hashed secret included), exactly as `getApiKeyById` returns it. */
  key: ApiKey;
  /** The owner's rows as `getAuthorizationUserRoles` returns them; `null` for a deleted or missing owner. */
  user: AuthorizationUserRoles | null;
}

/** The authentication read of a request: key plus owner in one statement; only system actors should reach it. */
export function apiKeyAuthorizationQueries(db: Database) {
  // The owner's row as one JSON object (null when the owner is deleted or missing), selected
  // beside the key's columns: one statement, prepared once per database. The key's `user_id` is
  // qualified by hand: drizzle leaves columns of a single-table select unqualified, and inside the
  // subquery an unqualified name would be looked up in `users` first.
  const ownerId = sql`${apiKeys}.${sql.identifier(apiKeys.userId.name)}`;
  const byId = lazy(() =>
    db
      .select({
        key: apiKeys,
        user: sql<unknown>`(
          select row_to_json(owner) from (
            select ${authorizationUserColumns}
            from ${users} u
            where u.id = ${ownerId} and u.deleted = false
          ) owner)`,
      })
      .from(apiKeys)
      .where(eq(apiKeys.id, sql.placeholder('id')))
      .prepare('api_keys_get_authorization'),
  );

  return {
    /**
     * The key with this id (expired keys included; the caller checks `expiresAt` and the secret)
     * and its owner's authorization rows, in one statement (`NotFoundError` for a missing key).
     */
    getApiKeyAuthorization: defineQuery(
      z.object({ id: keyId }),
      async (input): Promise<ApiKeyAuthorization> => {
        const row = firstOrThrow(await byId().execute({ id: input.id }), 'api key');
        return {
          key: row.key,
          user: row.user === null ? null : parseAuthorizationUser(row.user),
        };
      },
    ),
  };
}
