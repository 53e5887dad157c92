import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import {
  groupMembers,
  groups,
  organizationMembers,
  organizations,
  SHAREABLE_WORKSPACE_OWNERS,
  userStatus,
  users,
} from '../schema/index.ts';
import { defineQuery, firstOrThrow, id } from './define.ts';

/** One live membership of a user, with what its org contributes to the member's roles. */
export interface AuthorizationMembership {
  /** The org role names stored on the membership. */
  roles: string[];
  org: {
    id: string;
    defaultOrgMemberRoles: string[];
    shareableWorkspaceOwners: (typeof SHAREABLE_WORKSPACE_OWNERS)[number];
  };
}

/** Everything needed to build an authorization subject for a user, read in one statement. */
export interface AuthorizationUserRoles {
  id: string;
  status: (typeof userStatus.enumValues)[number];
  /** Stored site roles (`member` is implied and not listed). */
  siteRoles: string[];
  /** Live memberships (deleted orgs left out), ordered by organization id. */
  memberships: AuthorizationMembership[];
  /** Explicit groups plus the Everyone group (= org id) of each live org, as `getGroupsOfUser` orders them. */
  groupIds: string[];
}

// The row is checked, JSON aggregates included (parsed by the driver, or JSON text from another
// one): a shape this code does not expect fails instead of building a wrong subject.
const fromJson = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === 'string' ? JSON.parse(value) : value), schema);
const names = z.array(z.string());
const rowSchema = z.object({
  id: z.string(),
  status: z.enum(userStatus.enumValues),
  site_roles: names,
  memberships: fromJson(
    z.array(
      z.object({
        roles: names,
        org: z.object({
          id: z.string(),
          defaultOrgMemberRoles: names,
          shareableWorkspaceOwners: z.enum(SHAREABLE_WORKSPACE_OWNERS),
        }),
      }),
    ),
  ),
  group_ids: fromJson(names),
});

/** The rows of a `db.execute` result: an array (postgres-js) or `{ rows }` (node-postgres). */
function rowsOf(result: unknown): unknown[] {
  return Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
}

/**
 * The select list of one user's authorization row, over a `users` row aliased `u`: its id, status,
 * site roles, live memberships with their org's settings, and group ids. Shared by every query
 * that reads a subject's rows, so they all read exactly the same thing. Memberships: live orgs
 * only, ordered by org id. Groups: exactly `getGroupsOfUser` (groups of live orgs the user is a
 * member of, Everyone or explicit, in its order), read from the user's own memberships (indexed by
 * user), never by scanning every group of those orgs.
 */
export const authorizationUserColumns: SQL = sql`u.id, u.status, u.rbac_roles as site_roles,
  coalesce((
    select json_agg(json_build_object(
        'roles', m.roles,
        'org', json_build_object(
          'id', o.id,
          'defaultOrgMemberRoles', o.default_org_member_roles,
          'shareableWorkspaceOwners', o.shareable_workspace_owners))
      order by m.organization_id)
    from ${organizationMembers} m
    join ${organizations} o on o.id = m.organization_id
    where m.user_id = u.id and o.deleted = false
  ), '[]'::json) as memberships,
  coalesce((
    select json_agg(mine.id order by mine.organization_id, mine.name)
    from (
      select g.id, g.organization_id, g.name
      from ${organizationMembers} m
      join ${organizations} o on o.id = m.organization_id and o.deleted = false
      join ${groups} g on g.id = m.organization_id
      where m.user_id = u.id
      union all
      select g.id, g.organization_id, g.name
      from ${groupMembers} gm
      join ${groups} g on g.id = gm.group_id and g.id <> g.organization_id
      join ${organizationMembers} m on m.organization_id = g.organization_id and m.user_id = u.id
      join ${organizations} o on o.id = g.organization_id and o.deleted = false
      where gm.user_id = u.id
    ) as mine
  ), '[]'::json) as group_ids`;

/** Checks one row selected with `authorizationUserColumns` (or its JSON text) and shapes it. */
export function parseAuthorizationUser(value: unknown): AuthorizationUserRoles {
  const row = fromJson(rowSchema).parse(value);
  return {
    id: row.id,
    status: row.status,
    siteRoles: row.site_roles,
    memberships: row.memberships,
    groupIds: row.group_ids,
  };
}

/** The one-statement subject query (Coder's `GetAuthorizationUserRoles`); only system actors should reach it. */
export function authorizationUserRolesQueries(db: Database) {
  return {
    /**
     * A live user's status, site roles, live memberships with their org's default member roles
     * and sharing setting, and group ids, in one statement (`NotFoundError` for a missing or
     * deleted user).
     */
    getAuthorizationUserRoles: defineQuery(
      z.object({ userId: id() }),
      async ({ userId }): Promise<AuthorizationUserRoles> => {
        const result: unknown = await db.execute(sql`
          select ${authorizationUserColumns}
          from ${users} u
          where u.id = ${userId} and u.deleted = false`);
        return parseAuthorizationUser(firstOrThrow(rowsOf(result), 'user'));
      },
    ),
  };
}
