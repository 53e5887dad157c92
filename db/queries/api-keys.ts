import { asc, count as countRows, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { apiKeys } from '../schema/index.ts';
import type { ApiKey, ApiKeySummary } from '../types.ts';
import { BOUNDS, bytes, date, text } from './bounds.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, lazy, paging } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';

/** An API key id as every key lookup takes it: 10+ letters and digits. */
export const keyId = z
  .string()
  .min(10)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-zA-Z0-9]+$/, 'letters and digits only');
/**
 * An allow-list entry `type:id`, where either part may be `*`; an empty id (`workspace:`) admits
 * only objects being created (they have no id yet), as in Coder.
 */
const allowEntry = text('LINE_MAX').regex(
  /^(\*|[a-z_]+):(\*|[0-9a-fA-F-]{36}|[a-zA-Z0-9_-]+)?$/,
  'type:id',
);
/** Every column but the hashed secret: what a read other than the authentication lookup returns. */
const { hashedSecret: _secret, ...summaryColumns } = getTableColumns(apiKeys);
const listFilter = z.object({ userId: id() });

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(eq(apiKeys.userId, input.userId), where);
}

/** Queries over `api_keys`; list/count filters refer to `api_keys` columns. */
export function apiKeysQueries(db: Database) {
  const byId = lazy(() =>
    db
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.id, sql.placeholder('id')))
      .prepare('api_keys_get_by_id'),
  );

  return {
    /** The key with this id (expired keys included; the caller checks `expiresAt`); prepared. */
    getApiKeyById: defineQuery(
      z.object({ id: keyId }),
      async (input): Promise<ApiKey> =>
        firstOrThrow(await byId().execute({ id: input.id }), 'api key'),
    ),

    /** Inserts a key; scopes default to `coder:all`, the allow list to `*:*`. */
    insertApiKey: defineQuery(
      z.object({
        id: keyId,
        hashedSecret: bytes(BOUNDS.HASHED_SECRET_MAX_BYTES).refine(
          (b) => b.length > 0,
          'must not be empty',
        ),
        userId: id(),
        tokenName: text('NAME_MAX').optional(),
        scopes: z.array(text('NAME_MAX').min(1)).min(1).max(BOUNDS.SCOPES_MAX).optional(),
        allowList: z.array(allowEntry).min(1).max(BOUNDS.ALLOW_LIST_MAX).optional(),
        expiresAt: date(),
      }),
      async (input): Promise<ApiKey> =>
        firstOrThrow(await db.insert(apiKeys).values(input).returning(), 'api key'),
    ),

    /** One user's keys, newest first, without their hashed secrets. */
    listApiKeysByUser: defineList(
      listFilter.extend(paging),
      async (input, where): Promise<ApiKeySummary[]> =>
        db
          .select(summaryColumns)
          .from(apiKeys)
          .where(filterWhere(input, where))
          .orderBy(sql`${apiKeys.createdAt} DESC`, asc(apiKeys.id))
          .limit(input.limit)
          .offset(input.offset),
    ),

    /** How many keys one user has. */
    countApiKeysByUser: defineList(listFilter, async (input, where): Promise<number> => {
      const [row] = await db
        .select({ n: countRows() })
        .from(apiKeys)
        .where(filterWhere(input, where));
      return row?.n ?? 0;
    }),

    /** Deletes a key (guarded: `options.where` on `api_keys`). */
    deleteApiKey: defineGuardedWrite(
      z.object({ id: keyId }),
      async (input, guard): Promise<void> => {
        firstOrThrow(
          await db
            .delete(apiKeys)
            .where(allOf(eq(apiKeys.id, input.id), guard))
            .returning({ id: apiKeys.id }),
          'api key',
        );
      },
    ),

    /** Records when a key was last used (never moves backwards); guarded; no hashed secret back. */
    updateApiKeyLastUsed: defineGuardedWrite(
      z.object({ id: keyId, lastUsed: date() }),
      async (input, guard): Promise<ApiKeySummary> =>
        firstOrThrow(
          await db
            .update(apiKeys)
            .set({
              lastUsed: sql`GREATEST(${apiKeys.lastUsed}, ${input.lastUsed.toISOString()}::timestamptz)`,
              updatedAt: sql`now()`,
            })
            .where(allOf(eq(apiKeys.id, input.id), guard))
            .returning(summaryColumns),
          'api key',
        ),
    ),
  };
}
