import { and, asc, eq, ilike, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import {
  organizationMembers,
  PREBUILDS_SYSTEM_USER_ID,
  templates,
  workspaceAgents,
  workspaceBuilds,
  workspaces,
} from '../schema/index.ts';
import type { Workspace } from '../types.ts';
import { BOUNDS, date, text } from './bounds.ts';
import { aclSchema, allOf, defineQuery, firstOrThrow, id, lazy, type Patch } from './define.ts';
import { defineGuardedWrite, insertUnderGuardedParent } from './guarded-write.ts';
import { definePagedList } from './paged-list.ts';
import { containsPattern, searchText } from './search-pattern.ts';
import { WORKSPACE_STATUSES, workspaceStatusSql } from './workspace-status.ts';

const workspaceName = z
  .string()
  .min(1)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/, 'letters, digits and - only');
const listFilter = z.object({
  ownerId: id().optional(),
  organizationId: id().optional(),
  templateId: id().optional(),
  status: z.enum(WORKSPACE_STATUSES).optional(),
  dormant: z.boolean().optional(),
  deleted: z.boolean().default(false),
  /** Names containing this text, case-insensitively. */
  search: searchText().optional(),
});

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(
    eq(workspaces.deleted, input.deleted),
    input.ownerId === undefined ? undefined : eq(workspaces.ownerId, input.ownerId),
    input.organizationId === undefined
      ? undefined
      : eq(workspaces.organizationId, input.organizationId),
    input.templateId === undefined ? undefined : eq(workspaces.templateId, input.templateId),
    input.status === undefined ? undefined : sql`${workspaceStatusSql()} = ${input.status}`,
    input.dormant === undefined
      ? undefined
      : input.dormant
        ? isNotNull(workspaces.dormantAt)
        : isNull(workspaces.dormantAt),
    input.search === undefined ? undefined : ilike(workspaces.name, containsPattern(input.search)),
    where,
  );
}

/** Queries over `workspaces`; list/count filters refer to `workspaces` columns. */
export function workspacesQueries(db: Database) {
  const byId = lazy(() =>
    db
      .select()
      .from(workspaces)
      .where(eq(workspaces.id, sql.placeholder('id')))
      .prepare('workspaces_get_by_id'),
  );
  const live = (workspaceId: string) =>
    and(eq(workspaces.id, workspaceId), eq(workspaces.deleted, false));
  const update = async (
    workspaceId: string,
    set: Patch<typeof workspaces.$inferInsert>,
    guard: SQL | undefined,
  ): Promise<Workspace> =>
    firstOrThrow(
      await db
        .update(workspaces)
        .set({ ...set, updatedAt: sql`now()` })
        .where(allOf(live(workspaceId), guard))
        .returning(),
      'workspace',
    );
  const paged = definePagedList({
    db,
    table: workspaces,
    filter: listFilter,
    where: filterWhere,
    orderBy: [asc(workspaces.name), asc(workspaces.id)],
  });
  return {
    /** The workspace with this id (soft-deleted ones included, `deleted` tells); prepared. */
    getWorkspaceById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<Workspace> =>
        firstOrThrow(await byId().execute({ id: input.id }), 'workspace'),
    ),

    /** The live workspace of an owner with this name, case-insensitively. */
    getWorkspaceByOwnerAndName: defineQuery(
      z.object({ ownerId: id(), name: text('NAME_MAX').min(1) }),
      async (input): Promise<Workspace> =>
        firstOrThrow(
          await db
            .select()
            .from(workspaces)
            .where(
              and(
                eq(workspaces.ownerId, input.ownerId),
                sql`lower(${workspaces.name}) = lower(${input.name})`,
                eq(workspaces.deleted, false),
              ),
            ),
          'workspace',
        ),
    ),

    /** The workspace an agent runs in (through the agent's build). */
    getWorkspaceByAgentId: defineQuery(
      z.object({ agentId: id() }),
      async (input) =>
        firstOrThrow(
          await db
            .select({ workspace: workspaces })
            .from(workspaceAgents)
            .innerJoin(workspaceBuilds, eq(workspaceBuilds.id, workspaceAgents.buildId))
            .innerJoin(workspaces, eq(workspaces.id, workspaceBuilds.workspaceId))
            .where(eq(workspaceAgents.id, input.agentId)),
          'workspace',
        ).workspace,
    ),

    /** Workspaces by name, filtered by owner, org, template, status (latest build) and dormancy. */
    listWorkspaces: paged.list,

    /** How many workspaces match the same filters as `listWorkspaces`. */
    countWorkspaces: paged.count,

    /**
     * Inserts a workspace from a live template of the same org; ACLs start empty. Guarded:
     * `options.where` refers to `templates`, and the template row must pass it in the same
     * statement (a template that fails it, is deleted, missing or of another org: `NotFoundError`).
     */
    insertWorkspace: defineGuardedWrite(
      z.object({
        ownerId: id(),
        organizationId: id(),
        templateId: id(),
        name: workspaceName,
        autostartSchedule: text('LINE_MAX').optional(),
      }),
      async (input, guard): Promise<Workspace> => {
        // The owner must be a member of the org; the template row is share-locked, so a change
        // to its grants cannot commit while this insert is pending.
        const ownerIsMember = sql`exists (select 1 from ${organizationMembers} where ${and(
          eq(organizationMembers.organizationId, input.organizationId),
          eq(organizationMembers.userId, input.ownerId),
        )})`;
        const template = sql`(select ${templates.id} from ${templates} where ${allOf(
          eq(templates.id, input.templateId),
          eq(templates.deleted, false),
          eq(templates.organizationId, input.organizationId),
          ownerIsMember,
          guard,
        )} for share)`;
        return insertUnderGuardedParent('template_id', 'template', async () =>
          firstOrThrow(
            await db
              .insert(workspaces)
              .values({ ...input, templateId: template })
              .returning(),
            'workspace',
          ),
        );
      },
    ),

    /** Renames a live workspace or changes its autostart schedule (`null` clears it); guarded. */
    updateWorkspace: defineGuardedWrite(
      z.object({
        id: id(),
        name: workspaceName.optional(),
        autostartSchedule: text('LINE_MAX').nullable().optional(),
      }),
      async ({ id, ...set }, guard) => update(id, set, guard),
    ),

    /** Marks a live workspace dormant at a time, or wakes it with `null`; guarded. */
    updateWorkspaceDormantAt: defineGuardedWrite(
      z.object({ id: id(), dormantAt: date().nullable() }),
      async ({ id, dormantAt }, guard) => update(id, { dormantAt }, guard),
    ),

    /** Replaces a live workspace's user and group ACLs; guarded. */
    updateWorkspaceAcl: defineGuardedWrite(
      z.object({ id: id(), userAcl: aclSchema, groupAcl: aclSchema }),
      async ({ id, userAcl, groupAcl }, guard) => update(id, { userAcl, groupAcl }, guard),
    ),

    /** Soft-deletes a live workspace (its name becomes free again for the owner); guarded. */
    softDeleteWorkspace: defineGuardedWrite(
      z.object({ id: id() }),
      async (input, guard): Promise<void> => {
        await update(input.id, { deleted: true }, guard);
      },
    ),

    /**
     * Gives a live prebuilt workspace (owned by the prebuilds user) to `newOwnerId`, renamed;
     * guarded (`options.where` on `workspaces`, the row before the claim).
     */
    claimPrebuiltWorkspace: defineGuardedWrite(
      z.object({ id: id(), newOwnerId: id(), name: workspaceName }),
      async (input, guard): Promise<Workspace> =>
        firstOrThrow(
          await db
            .update(workspaces)
            .set({ ownerId: input.newOwnerId, name: input.name, updatedAt: sql`now()` })
            .where(allOf(live(input.id), eq(workspaces.ownerId, PREBUILDS_SYSTEM_USER_ID), guard))
            .returning(),
          'prebuilt workspace',
        ),
    ),
  };
}
