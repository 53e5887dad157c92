import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import {
  groupMembers,
  groups,
  organizationMembers,
  organizations,
  users,
} from '../schema/index.ts';
import type { OrganizationMember } from '../types.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging, roleNames } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';

/** A member row with the user's name fields, as `listOrganizationMembers` returns it. */
export type OrganizationMemberWithUser = OrganizationMember & {
  username: string;
  name: string;
  email: string;
};

const key = z.object({ organizationId: id(), userId: id() });
const listFilter = z.object({ organizationId: id() });

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(eq(organizationMembers.organizationId, input.organizationId), where);
}

/** Queries over `organization_members`; list/count filters refer to its columns. */
export function organizationMembersQueries(db: Database) {
  const match = (k: z.output<typeof key>) =>
    and(
      eq(organizationMembers.organizationId, k.organizationId),
      eq(organizationMembers.userId, k.userId),
    );
  return {
    /** One membership; `NotFoundError` when the user is not in the org. */
    getOrganizationMember: defineQuery(
      key,
      async (input): Promise<OrganizationMember> =>
        firstOrThrow(
          await db.select().from(organizationMembers).where(match(input)),
          'organization member',
        ),
    ),

    /** Adds a user to an org; without `roles`, the org's `default_org_member_roles` apply. */
    insertOrganizationMember: defineQuery(
      key.extend({ roles: roleNames.optional() }),
      async (input): Promise<OrganizationMember> => {
        const roles =
          input.roles ??
          sql`(SELECT ${organizations.defaultOrgMemberRoles} FROM ${organizations} WHERE ${organizations.id} = ${input.organizationId})`;
        return firstOrThrow(
          await db
            .insert(organizationMembers)
            .values({ organizationId: input.organizationId, userId: input.userId, roles })
            .returning(),
          'organization member',
        );
      },
    ),

    /**
     * Removes a user from an org, and in the same transaction their explicit memberships of that
     * org's groups (as Coder's trigger does), so a later re-invite does not bring them back.
     */
    // Order matters: the membership row goes first. A concurrent `insertGroupMember` holds a KEY
    // SHARE lock on it, so this DELETE waits for that insert to commit, and the group rows are
    // deleted after it (new row included); an insert arriving later finds the membership gone.
    deleteOrganizationMember: defineGuardedWrite(
      key,
      async (input, guard): Promise<void> =>
        db.transaction(async (tx) => {
          firstOrThrow(
            await tx
              .delete(organizationMembers)
              .where(allOf(match(input), guard))
              .returning({ userId: organizationMembers.userId }),
            'organization member',
          );
          const orgGroups = tx
            .select({ id: groups.id })
            .from(groups)
            .where(eq(groups.organizationId, input.organizationId));
          await tx
            .delete(groupMembers)
            .where(
              and(eq(groupMembers.userId, input.userId), inArray(groupMembers.groupId, orgGroups)),
            );
        }),
    ),

    /** Replaces a member's org role names (deduplicated); guarded (compare-and-set on `roles`). */
    updateOrganizationMemberRoles: defineGuardedWrite(
      key.extend({ roles: roleNames }),
      async (input, guard): Promise<OrganizationMember> =>
        firstOrThrow(
          await db
            .update(organizationMembers)
            .set({ roles: input.roles, updatedAt: sql`now()` })
            .where(allOf(match(input), guard))
            .returning(),
          'organization member',
        ),
    ),

    /** Members of one org by username, with their user fields. */
    listOrganizationMembers: defineList(
      listFilter.extend(paging),
      async (input, where): Promise<OrganizationMemberWithUser[]> =>
        db
          .select({
            userId: organizationMembers.userId,
            organizationId: organizationMembers.organizationId,
            roles: organizationMembers.roles,
            createdAt: organizationMembers.createdAt,
            updatedAt: organizationMembers.updatedAt,
            username: users.username,
            name: users.name,
            email: users.email,
          })
          .from(organizationMembers)
          .innerJoin(users, eq(users.id, organizationMembers.userId))
          .where(filterWhere(input, where))
          .orderBy(asc(users.username), asc(users.id))
          .limit(input.limit)
          .offset(input.offset),
    ),

    /** How many members one org has (with the caller's condition). */
    countOrganizationMembers: defineList(listFilter, async (input, where): Promise<number> => {
      const [row] = await db
        .select({ n: count() })
        .from(organizationMembers)
        .where(filterWhere(input, where));
      return row?.n ?? 0;
    }),

    /** Every membership of one user in live organizations (for building a subject). */
    getOrganizationMembershipsOfUser: defineQuery(
      z.object({ userId: id() }),
      async (input): Promise<OrganizationMember[]> =>
        db
          .select({
            userId: organizationMembers.userId,
            organizationId: organizationMembers.organizationId,
            roles: organizationMembers.roles,
            createdAt: organizationMembers.createdAt,
            updatedAt: organizationMembers.updatedAt,
          })
          .from(organizationMembers)
          .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
          .where(
            and(eq(organizationMembers.userId, input.userId), eq(organizations.deleted, false)),
          )
          .orderBy(asc(organizationMembers.organizationId)),
    ),
  };
}
