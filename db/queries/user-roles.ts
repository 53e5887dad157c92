import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { organizationMembers, organizations, type userStatus, users } from '../schema/index.ts';
import { defineQuery, firstOrThrow, id } from './define.ts';
import { groupsQueries } from './groups.ts';

/** Everything needed to build an authorization subject for a user, read in one place. */
export interface UserRoles {
  id: string;
  username: string;
  status: (typeof userStatus.enumValues)[number];
  isSystem: boolean;
  /** Stored site roles (`member` is implied and not listed). */
  siteRoles: string[];
  /** Org role names per live organization the user belongs to. */
  orgRoles: Array<{ organizationId: string; roles: string[] }>;
  /** Explicit groups plus the Everyone group (= org id) of each live org. */
  groupIds: string[];
}

/** The subject-building query; only system actors should reach it. */
export function userRolesQueries(db: Database) {
  const groupsOf = groupsQueries(db).getGroupsOfUser;
  return {
    /** A live user's site roles, org roles and group ids, for building a subject. */
    getUserRoles: defineQuery(z.object({ userId: id() }), async (input): Promise<UserRoles> => {
      const user = firstOrThrow(
        await db
          .select()
          .from(users)
          .where(and(eq(users.id, input.userId), eq(users.deleted, false))),
        'user',
      );
      const memberships = await db
        .select({
          organizationId: organizationMembers.organizationId,
          roles: organizationMembers.roles,
        })
        .from(organizationMembers)
        .innerJoin(organizations, eq(organizations.id, organizationMembers.organizationId))
        .where(and(eq(organizationMembers.userId, user.id), eq(organizations.deleted, false)))
        .orderBy(organizationMembers.organizationId);
      const groupRows = await groupsOf({ userId: user.id });
      return {
        id: user.id,
        username: user.username,
        status: user.status,
        isSystem: user.isSystem,
        siteRoles: user.rbacRoles,
        orgRoles: memberships,
        groupIds: groupRows.map((g) => g.id),
      };
    }),
  };
}
