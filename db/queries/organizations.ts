import { and, asc, eq, exists, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import {
  groups,
  organizationMembers,
  organizations,
  SHAREABLE_WORKSPACE_OWNERS,
} from '../schema/index.ts';
import type { Organization } from '../types.ts';
import { BOUNDS, text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id, roleNames } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';
import { definePagedList } from './paged-list.ts';

const name = z
  .string()
  .min(1)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'lower-case letters, digits and - only');
const editable = {
  displayName: text('DISPLAY_NAME_MAX'),
  description: text('DESCRIPTION_MAX'),
  icon: text('URL_MAX'),
  defaultOrgMemberRoles: roleNames,
  shareableWorkspaceOwners: z.enum(SHAREABLE_WORKSPACE_OWNERS),
};
const listFilter = z.object({ memberUserId: id().optional() });

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined, db: Database) {
  return allOf(
    eq(organizations.deleted, false),
    input.memberUserId === undefined
      ? undefined
      : exists(
          db
            .select({ one: sql`1` })
            .from(organizationMembers)
            .where(
              and(
                eq(organizationMembers.organizationId, organizations.id),
                eq(organizationMembers.userId, input.memberUserId),
              ),
            ),
        ),
    where,
  );
}

/** Queries over `organizations`; list/count filters refer to `organizations` columns. */
export function organizationsQueries(db: Database) {
  const live = (orgId: string) =>
    and(eq(organizations.id, orgId), eq(organizations.deleted, false));
  const paged = definePagedList({
    db,
    table: organizations,
    filter: listFilter,
    where: (input, where) => filterWhere(input, where, db),
    orderBy: [asc(organizations.name), asc(organizations.id)],
  });
  return {
    /** The organization with this id (soft-deleted ones included, `deleted` tells). */
    getOrganizationById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<Organization> =>
        firstOrThrow(
          await db.select().from(organizations).where(eq(organizations.id, input.id)),
          'organization',
        ),
    ),

    /** The live organization with this name, case-insensitively. */
    getOrganizationByName: defineQuery(z.object({ name: text('NAME_MAX').min(1) }), async (input) =>
      firstOrThrow(
        await db
          .select()
          .from(organizations)
          .where(
            and(
              sql`lower(${organizations.name}) = lower(${input.name})`,
              eq(organizations.deleted, false),
            ),
          ),
        'organization',
      ),
    ),

    /** Live organizations by name, optionally only those `memberUserId` belongs to. */
    listOrganizations: paged.list,

    /** How many live organizations match the same filters as `listOrganizations`. */
    countOrganizations: paged.count,

    /** Inserts an organization and, in the same transaction, its Everyone group (id = org id). */
    insertOrganization: defineQuery(
      z.object({
        name,
        displayName: editable.displayName.optional(),
        description: editable.description.optional(),
        icon: editable.icon.optional(),
        isDefault: z.boolean().default(false),
        defaultOrgMemberRoles: editable.defaultOrgMemberRoles.optional(),
        shareableWorkspaceOwners: editable.shareableWorkspaceOwners.optional(),
      }),
      async (input): Promise<Organization> =>
        db.transaction(async (tx) => {
          const org = firstOrThrow(
            await tx
              .insert(organizations)
              .values({ ...input, displayName: input.displayName ?? input.name })
              .returning(),
            'organization',
          );
          await tx
            .insert(groups)
            .values({ id: org.id, organizationId: org.id, name: 'Everyone', displayName: '' });
          return org;
        }),
    ),

    /** Updates a live organization's editable fields; guarded (`options.where` on `organizations`). */
    updateOrganization: defineGuardedWrite(
      z.object({
        id: id(),
        name: name.optional(),
        displayName: editable.displayName.optional(),
        description: editable.description.optional(),
        icon: editable.icon.optional(),
        defaultOrgMemberRoles: editable.defaultOrgMemberRoles.optional(),
        shareableWorkspaceOwners: editable.shareableWorkspaceOwners.optional(),
      }),
      async ({ id, ...set }, guard): Promise<Organization> =>
        firstOrThrow(
          await db
            .update(organizations)
            .set({ ...set, updatedAt: sql`now()` })
            .where(allOf(live(id), guard))
            .returning(),
          'organization',
        ),
    ),

    /** Soft-deletes a live organization (its name becomes free again); guarded. */
    deleteOrganization: defineGuardedWrite(
      z.object({ id: id() }),
      async (input, guard): Promise<void> => {
        firstOrThrow(
          await db
            .update(organizations)
            .set({ deleted: true, updatedAt: sql`now()` })
            .where(allOf(live(input.id), guard))
            .returning({ id: organizations.id }),
          'organization',
        );
      },
    ),
  };
}
