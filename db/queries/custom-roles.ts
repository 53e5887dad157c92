import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { ForeignKeyViolationError } from '../errors.ts';
import { customRoles, organizationMembers, organizations } from '../schema/index.ts';
import type { CustomRole } from '../types.ts';
import { BOUNDS, text } from './bounds.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging } from './define.ts';

const roleName = z
  .string()
  .min(1)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and - only');
const permission = z.object({
  type: text('NAME_MAX').min(1),
  action: text('NAME_MAX').min(1),
  negate: z.boolean().default(false),
});
const permissions = z.array(permission).max(BOUNDS.PERMISSIONS_MAX);
const editable = {
  displayName: text('DISPLAY_NAME_MAX').optional(),
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
  // Whether a member of the role's org holds it, or the org gives it to every member by default.
  const assigned = (k: z.output<typeof key>) => sql`(exists (
      select 1 from ${organizationMembers}
      where ${organizationMembers.organizationId} = ${k.organizationId}
        and exists (select 1 from unnest(${organizationMembers.roles}) r where lower(r) = lower(${k.name}))
    ) or exists (
      select 1 from ${organizations}
      where ${organizations.id} = ${k.organizationId}
        and exists (select 1 from unnest(${organizations.defaultOrgMemberRoles}) r where lower(r) = lower(${k.name}))
    ))`;
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

    /**
     * Deletes an org's custom role by name, unless it is still assigned (to a member of its org,
     * or in the org's default member roles): then `ForeignKeyViolationError` with constraint
     * `custom_role_assigned`, as a restricting foreign key would, and nothing is deleted.
     */
    deleteCustomRole: defineQuery(key, async (input): Promise<void> => {
      const deleted = await db
        .delete(customRoles)
        .where(and(match(input), sql`not ${assigned(input)}`))
        .returning({ id: customRoles.id });
      if (deleted.length > 0) return;
      firstOrThrow(
        await db.select({ id: customRoles.id }).from(customRoles).where(match(input)),
        'custom role',
      );
      throw new ForeignKeyViolationError('custom_role_assigned');
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
      z.object({ roles: z.array(key).max(BOUNDS.BATCH_MAX) }),
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
