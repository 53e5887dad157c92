import { and, asc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { userStatus, users } from '../schema/index.ts';
import type { User } from '../types.ts';
import { BOUNDS, text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id, lazy, type Patch, roleNames } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';
import { definePagedList } from './paged-list.ts';

const username = z
  .string()
  .min(1)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/, 'letters, digits, . _ - only');
const status = z.enum(userStatus.enumValues);
/** Site role names to store: `member` is implied for everyone, so it is never stored. */
const siteRoles = roleNames.transform((roles) => roles.filter((r) => r !== 'member'));

const listFilter = z.object({
  search: text('LINE_MAX').optional(),
  status: status.optional(),
  includeSystem: z.boolean().default(true),
});

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  const pattern =
    input.search === undefined ? undefined : `%${input.search.replace(/[\\%_]/g, '\\$&')}%`;
  return allOf(
    eq(users.deleted, false),
    pattern === undefined
      ? undefined
      : or(ilike(users.username, pattern), ilike(users.email, pattern)),
    input.status === undefined ? undefined : eq(users.status, input.status),
    input.includeSystem ? undefined : eq(users.isSystem, false),
    where,
  );
}

/** Queries over `users`; list/count filters refer to `users` columns. */
export function usersQueries(db: Database) {
  const byId = lazy(() =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder('id')))
      .prepare('users_get_by_id'),
  );

  const update = async (
    userId: string,
    set: Patch<typeof users.$inferInsert>,
    guard: SQL | undefined,
  ): Promise<User> =>
    firstOrThrow(
      await db
        .update(users)
        .set({ ...set, updatedAt: sql`now()` })
        .where(allOf(eq(users.id, userId), eq(users.deleted, false), guard))
        .returning(),
      'user',
    );

  const paged = definePagedList({
    db,
    table: users,
    filter: listFilter,
    where: filterWhere,
    orderBy: [asc(users.username), asc(users.id)],
  });
  return {
    /** The user with this id (deleted users included, `deleted` tells); prepared statement. */
    getUserById: defineQuery(
      z.object({ id: id() }),
      async ({ id }): Promise<User> => firstOrThrow(await byId().execute({ id }), 'user'),
    ),

    /** The live user with this username, case-insensitively. */
    getUserByUsername: defineQuery(z.object({ username: text('NAME_MAX').min(1) }), async (input) =>
      firstOrThrow(
        await db
          .select()
          .from(users)
          .where(
            and(sql`lower(${users.username}) = lower(${input.username})`, eq(users.deleted, false)),
          ),
        'user',
      ),
    ),

    /** Live users by username order, filtered by a username/email search and status. */
    listUsers: paged.list,

    /** How many live users match the same filters as `listUsers`. */
    countUsers: paged.count,

    /** Inserts a user; `member` is dropped from the site roles (everyone has it). */
    insertUser: defineQuery(
      z.object({
        email: z.email().max(BOUNDS.EMAIL_MAX),
        username,
        name: text('USER_REAL_NAME_MAX').default(''),
        avatarUrl: text('URL_MAX').default(''),
        status: status.default('active'),
        rbacRoles: siteRoles.default([]),
        isSystem: z.boolean().default(false),
      }),
      async (input): Promise<User> =>
        firstOrThrow(await db.insert(users).values(input).returning(), 'user'),
    ),

    /** Updates a user's username, name or avatar (guarded: `options.where` on `users`). */
    updateUserProfile: defineGuardedWrite(
      z.object({
        id: id(),
        username: username.optional(),
        name: text('USER_REAL_NAME_MAX').optional(),
        avatarUrl: text('URL_MAX').optional(),
      }),
      async ({ id, ...set }, guard) => update(id, set, guard),
    ),

    /** Sets a user's status (active, dormant, suspended); guarded. */
    updateUserStatus: defineGuardedWrite(
      z.object({ id: id(), status }),
      async ({ id, status }, guard) => update(id, { status }, guard),
    ),

    /** Replaces a user's site roles (deduplicated, `member` dropped); guarded (compare-and-set). */
    updateUserRoles: defineGuardedWrite(
      z.object({ id: id(), roles: siteRoles }),
      async ({ id, roles }, guard) => update(id, { rbacRoles: roles }, guard),
    ),
  };
}
