import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { userSecrets } from '../schema/index.ts';
import type { UserSecret, UserSecretMetadata } from '../types.ts';
import { BOUNDS, text } from './bounds.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging } from './define.ts';

const secretName = text('NAME_MAX').min(1);
const envName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a shell variable name')
  .max(BOUNDS.NAME_MAX);
const filePath = text('PATH_MAX').min(1).regex(/^[~/]/, 'an absolute or ~ path');
const value = text('LONG_TEXT_MAX');
const key = z.object({ userId: id(), name: secretName });
const listFilter = z.object({ userId: id() });

/** Every column but `value`: what "list mine" may show. */
const metadataColumns = {
  id: userSecrets.id,
  userId: userSecrets.userId,
  name: userSecrets.name,
  description: userSecrets.description,
  envName: userSecrets.envName,
  filePath: userSecrets.filePath,
  createdAt: userSecrets.createdAt,
  updatedAt: userSecrets.updatedAt,
};

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(eq(userSecrets.userId, input.userId), where);
}

/** Queries over `user_secrets`; list/count filters refer to its columns. */
export function userSecretsQueries(db: Database) {
  const match = (k: z.output<typeof key>) =>
    and(eq(userSecrets.userId, k.userId), eq(userSecrets.name, k.name));
  return {
    /** Creates a secret; name, env name and file path are each unique per user (when set). */
    createUserSecret: defineQuery(
      key.extend({
        value,
        description: text('DESCRIPTION_MAX').optional(),
        envName: envName.optional(),
        filePath: filePath.optional(),
      }),
      async (input): Promise<UserSecret> =>
        firstOrThrow(await db.insert(userSecrets).values(input).returning(), 'user secret'),
    ),

    /** One of a user's secrets by name, value included. */
    getUserSecretByName: defineQuery(
      key,
      async (input): Promise<UserSecret> =>
        firstOrThrow(await db.select().from(userSecrets).where(match(input)), 'user secret'),
    ),

    /** A user's secrets by name, WITHOUT values. */
    listUserSecrets: defineList(
      listFilter.extend(paging),
      async (input, where): Promise<UserSecretMetadata[]> =>
        db
          .select(metadataColumns)
          .from(userSecrets)
          .where(filterWhere(input, where))
          .orderBy(asc(userSecrets.name))
          .limit(input.limit)
          .offset(input.offset),
    ),

    /** How many secrets a user has. */
    countUserSecrets: defineList(listFilter, async (input, where): Promise<number> => {
      const [row] = await db
        .select({ n: count() })
        .from(userSecrets)
        .where(filterWhere(input, where));
      return row?.n ?? 0;
    }),

    /** Every secret of a user WITH values, to inject at workspace start. */
    listUserSecretsWithValues: defineList(
      listFilter,
      async (input, where): Promise<UserSecret[]> =>
        db
          .select()
          .from(userSecrets)
          .where(filterWhere(input, where))
          .orderBy(asc(userSecrets.name)),
    ),

    /** Updates a secret's value, description, env name or file path (`null` unsets the latter two). */
    updateUserSecret: defineQuery(
      key.extend({
        value: value.optional(),
        description: text('DESCRIPTION_MAX').optional(),
        envName: envName.nullable().optional(),
        filePath: filePath.nullable().optional(),
      }),
      async ({ userId, name, ...set }): Promise<UserSecret> =>
        firstOrThrow(
          await db
            .update(userSecrets)
            .set({ ...set, updatedAt: sql`now()` })
            .where(match({ userId, name }))
            .returning(),
          'user secret',
        ),
    ),

    /** Deletes one of a user's secrets by name. */
    deleteUserSecret: defineQuery(key, async (input): Promise<void> => {
      firstOrThrow(
        await db.delete(userSecrets).where(match(input)).returning({ id: userSecrets.id }),
        'user secret',
      );
    }),
  };
}
