import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { customRoles } from '../schema/index.ts';
import type { CustomRole } from '../types.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging } from './define.ts';

const roleName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and - only');
const permission = z.object({
  type: z.string().min(1),
  action: z.string().min(1),
  negate: z.boolean().default(false),
});
const permissions = z.array(permission).max(512);
const editable = {
  displayName: z.string().max(128).optional(),
  sitePermissions: permissions.optional(),
  orgPermissions: permissions.optional(),
  userPermissions: permissions.optional(),
  memberPermissions: permissions.optional(),
};
const key = z.object({ organizationId: id(), name: roleName });

/** Queries over `custom_roles`; list filters refer to `custom_roles` columns. */
export function customRolesQueries(db: Database) {
  const match = (k: z.output<typeof key>) =>
    and(
      eq(customRoles.organizationId, k.organizationId),
      sql`lower(${customRoles.name}) = lower(${k.name})`,
    );
  return {
    /** Inserts a custom role in an organization. */
    insertCustomRole: defineQuery(
      key.extend({ ...editable, isSystem: z.boolean().default(false) }),
      async (input): Promise<CustomRole> =>
        firstOrThrow(await db.insert(customRoles).values(input).returning(), 'custom role'),
    ),

    /** Replaces the given fields of an org's custom role (looked up by name). */
    updateCustomRole: defineQuery(
      key.extend(editable),
      async ({ organizationId, name, ...set }): Promise<CustomRole> =>
        firstOrThrow(
          await db
            .update(customRoles)
            .set({ ...set, updatedAt: sql`now()` })
            .where(match({ organizationId, name }))
            .returning(),
          'custom role',
        ),
    ),

    /** Deletes an org's custom role by name. */
    deleteCustomRole: defineQuery(key, async (input): Promise<void> => {
      firstOrThrow(
        await db.delete(customRoles).where(match(input)).returning({ id: customRoles.id }),
        'custom role',
      );
    }),

    /** Custom roles by name, optionally of one organization. */
    listCustomRoles: defineList(
      z.object({ organizationId: id().optional(), ...paging }),
      async (input, where: SQL | undefined): Promise<CustomRole[]> =>
        db
          .select()
          .from(customRoles)
          .where(
            allOf(
              input.organizationId === undefined
                ? undefined
                : eq(customRoles.organizationId, input.organizationId),
              where,
            ),
          )
          .orderBy(asc(customRoles.name), asc(customRoles.id))
          .limit(input.limit)
          .offset(input.offset),
    ),

    /** The custom roles with these (org, name) pairs, for building a subject; `[]` for none. */
    getCustomRolesByNames: defineQuery(
      z.object({ roles: z.array(key).max(1000) }),
      async (input): Promise<CustomRole[]> => {
        const [first, ...rest] = input.roles.map(match);
        if (first === undefined) return [];
        return db
          .select()
          .from(customRoles)
          .where(rest.length === 0 ? first : or(first, ...rest))
          .orderBy(asc(customRoles.organizationId), asc(customRoles.name));
      },
    ),
  };
}

/** The custom role query methods of the raw store. */
export type CustomRolesQueries = ReturnType<typeof customRolesQueries>;
