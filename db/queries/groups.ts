import { and, asc, count, eq, exists, ne, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import {
  groupMembers,
  groups,
  organizationMembers,
  organizations,
  users,
} from '../schema/index.ts';
import type { Group, GroupMember } from '../types.ts';
import { BOUNDS, int32, text } from './bounds.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';

/** A member of a group with the user's name fields, as `listGroupMembers` returns it. */
export interface GroupMemberWithUser {
  groupId: string;
  userId: string;
  username: string;
  name: string;
  email: string;
}

const groupName = z
  .string()
  .min(1)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/, 'letters, digits, . _ - only');
const editable = {
  displayName: text('DISPLAY_NAME_MAX').optional(),
  avatarUrl: text('URL_MAX').optional(),
  quotaAllowance: int32().min(0).optional(),
};
const groupsFilter = z.object({ organizationId: id().optional() });
const membersFilter = z.object({ groupId: id() });

/** True for the organization's implicit Everyone group (its id is the org id). */
const isEveryone = sql<boolean>`${groups.id} = ${groups.organizationId}`;

/** The error of a group add for a user who is not a member of the group's organization. */
export function notInGroupOrganization(options?: ErrorOptions): InvalidInputError {
  return new InvalidInputError('userId', "not a member of the group's organization", options);
}

/** Queries over `groups` and `group_members`; see each list method for its filter table. */
export function groupsQueries(db: Database) {
  const getGroup = async (groupId: string, guard?: SQL): Promise<Group> =>
    firstOrThrow(
      await db
        .select()
        .from(groups)
        .where(allOf(eq(groups.id, groupId), guard)),
      'group',
    );
  /**
   * After a guarded write on a group changed no row: the group as the guard lets the caller see it
   * (to explain an Everyone refusal), or `NotFoundError` exactly as for a missing group.
   */
  const explainUnchanged = async (groupId: string, guard: SQL | undefined, field: string) => {
    rejectEveryone(await getGroup(groupId, guard), field);
    throw new NotFoundError('group');
  };
  const rejectEveryone = (group: Group, field: string) => {
    if (group.id === group.organizationId) {
      throw new InvalidInputError(
        field,
        'the Everyone group has implicit members and cannot change',
      );
    }
  };
  /** Explicit members, or the org's members for the Everyone group. */
  const membersWhere = (group: Group, where: SQL | undefined) =>
    group.id === group.organizationId
      ? allOf(
          exists(
            db
              .select({ one: sql`1` })
              .from(organizationMembers)
              .where(
                and(
                  eq(organizationMembers.organizationId, group.organizationId),
                  eq(organizationMembers.userId, users.id),
                ),
              ),
          ),
          where,
        )
      : allOf(
          exists(
            db
              .select({ one: sql`1` })
              .from(groupMembers)
              .where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.userId, users.id))),
          ),
          where,
        );

  return {
    /** The group with this id. */
    getGroupById: defineQuery(z.object({ id: id() }), async (input) => getGroup(input.id)),

    /** The group of an organization with this name. */
    getGroupByName: defineQuery(
      z.object({ organizationId: id(), name: text('NAME_MAX').min(1) }),
      async (input): Promise<Group> =>
        firstOrThrow(
          await db
            .select()
            .from(groups)
            .where(
              and(eq(groups.organizationId, input.organizationId), eq(groups.name, input.name)),
            ),
          'group',
        ),
    ),

    /** Groups by name (filter table `groups`), optionally of one organization. */
    listGroups: defineList(
      groupsFilter.extend(paging),
      async (input, where): Promise<Group[]> =>
        db
          .select()
          .from(groups)
          .where(
            allOf(
              input.organizationId === undefined
                ? undefined
                : eq(groups.organizationId, input.organizationId),
              where,
            ),
          )
          .orderBy(asc(groups.name), asc(groups.id))
          .limit(input.limit)
          .offset(input.offset),
    ),

    /** Inserts a group in an organization. */
    insertGroup: defineQuery(
      z.object({ organizationId: id(), name: groupName, ...editable }),
      async (input): Promise<Group> =>
        firstOrThrow(await db.insert(groups).values(input).returning(), 'group'),
    ),

    /** Updates a group's name, display name, avatar or quota (the Everyone group keeps its name). */
    updateGroup: defineGuardedWrite(
      z.object({ id: id(), name: groupName.optional(), ...editable }),
      async ({ id, ...set }, guard): Promise<Group> => {
        // Guarded: the Everyone group keeps its name, checked in the statement that writes.
        const renamesEveryone =
          set.name === undefined ? undefined : ne(groups.id, groups.organizationId);
        const [row] = await db
          .update(groups)
          .set({ ...set, updatedAt: sql`now()` })
          .where(allOf(eq(groups.id, id), renamesEveryone, guard))
          .returning();
        return row ?? explainUnchanged(id, guard, 'name');
      },
    ),

    /** Deletes a group; the Everyone group cannot be deleted (only with its organization). */
    deleteGroup: defineGuardedWrite(z.object({ id: id() }), async (input, guard): Promise<void> => {
      const [row] = await db
        .delete(groups)
        .where(allOf(eq(groups.id, input.id), ne(groups.id, groups.organizationId), guard))
        .returning({ id: groups.id });
      if (row === undefined) await explainUnchanged(input.id, guard, 'id');
    }),

    /**
     * Adds a member of the group's organization to a group (not to Everyone, whose members are the
     * org's members); `notInGroupOrganization()` when the user is not (or no longer) in the org.
     */
    insertGroupMember: defineQuery(
      z.object({ groupId: id(), userId: id() }),
      async (input): Promise<GroupMember> => {
        const group = await getGroup(input.groupId);
        rejectEveryone(group, 'groupId');
        // Membership is decided in the statement that inserts, by touching the membership row
        // (an UPDATE that changes nothing): a removal (which deletes that row before the user's
        // group rows) either waits for this insert and then deletes the new row, or deletes first
        // and this insert finds no row; a removal at repeatable read or serializable whose
        // snapshot predates this insert fails with a serialization error (and retries) instead of
        // missing the new row.
        const member = db.$with('member').as(
          db
            .update(organizationMembers)
            .set({ updatedAt: sql`${organizationMembers.updatedAt}` })
            .where(
              and(
                eq(organizationMembers.organizationId, group.organizationId),
                eq(organizationMembers.userId, input.userId),
              ),
            )
            .returning({ userId: organizationMembers.userId }),
        );
        const [row] = await db
          .with(member)
          .insert(groupMembers)
          .select(
            db
              .select({
                groupId: sql<string>`${input.groupId}::uuid`.as('group_id'),
                userId: member.userId,
                createdAt: sql<Date>`now()`.as('created_at'),
                updatedAt: sql<Date>`now()`.as('updated_at'),
              })
              .from(member),
          )
          .returning();
        if (row === undefined) throw notInGroupOrganization();
        return row;
      },
    ),

    /** Removes a user from a group; guarded (`options.where` refers to the member's `groups` row). */
    deleteGroupMember: defineGuardedWrite(
      z.object({ groupId: id(), userId: id() }),
      async (input, guard): Promise<void> => {
        const groupPasses =
          guard === undefined
            ? undefined
            : exists(
                db
                  .select({ one: sql`1` })
                  .from(groups)
                  .where(and(eq(groups.id, groupMembers.groupId), guard)),
              );
        firstOrThrow(
          await db
            .delete(groupMembers)
            .where(
              allOf(
                eq(groupMembers.groupId, input.groupId),
                eq(groupMembers.userId, input.userId),
                groupPasses,
              ),
            )
            .returning({ userId: groupMembers.userId }),
          'group member',
        );
      },
    ),

    /** Members of a group by username (filter table `users`); Everyone lists the org's members. */
    listGroupMembers: defineList(
      membersFilter.extend(paging),
      async (input, where): Promise<GroupMemberWithUser[]> => {
        const group = await getGroup(input.groupId);
        return db
          .select({
            groupId: sql<string>`${group.id}::uuid`,
            userId: users.id,
            username: users.username,
            name: users.name,
            email: users.email,
          })
          .from(users)
          .where(allOf(eq(users.deleted, false), membersWhere(group, where)))
          .orderBy(asc(users.username), asc(users.id))
          .limit(input.limit)
          .offset(input.offset);
      },
    ),

    /** How many members a group has (filter table `users`). */
    countGroupMembers: defineList(membersFilter, async (input, where): Promise<number> => {
      const group = await getGroup(input.groupId);
      const [row] = await db
        .select({ n: count() })
        .from(users)
        .where(allOf(eq(users.deleted, false), membersWhere(group, where)));
      return row?.n ?? 0;
    }),

    /**
     * Groups a user is in: explicit ones plus the Everyone group of each live org they belong to;
     * only in orgs they are a member of (an explicit membership in an org they left is ignored).
     */
    getGroupsOfUser: defineQuery(
      z.object({ userId: id(), organizationId: id().optional() }),
      async (input): Promise<Group[]> =>
        db
          .select({
            id: groups.id,
            organizationId: groups.organizationId,
            name: groups.name,
            displayName: groups.displayName,
            avatarUrl: groups.avatarUrl,
            quotaAllowance: groups.quotaAllowance,
            source: groups.source,
            createdAt: groups.createdAt,
            updatedAt: groups.updatedAt,
          })
          .from(groups)
          .innerJoin(organizations, eq(organizations.id, groups.organizationId))
          .where(
            allOf(
              eq(organizations.deleted, false),
              input.organizationId === undefined
                ? undefined
                : eq(groups.organizationId, input.organizationId),
              // Only groups of orgs the user is a member of: a group row left behind in an org
              // the user left grants nothing.
              exists(
                db
                  .select({ one: sql`1` })
                  .from(organizationMembers)
                  .where(
                    and(
                      eq(organizationMembers.organizationId, groups.organizationId),
                      eq(organizationMembers.userId, input.userId),
                    ),
                  ),
              ),
              or(
                isEveryone,
                exists(
                  db
                    .select({ one: sql`1` })
                    .from(groupMembers)
                    .where(
                      and(
                        eq(groupMembers.groupId, groups.id),
                        eq(groupMembers.userId, input.userId),
                      ),
                    ),
                ),
              ),
            ),
          )
          .orderBy(asc(groups.organizationId), asc(groups.name)),
    ),
  };
}
