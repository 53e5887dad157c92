import { and, asc, desc, eq, exists, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import {
  templates,
  workspaceBuilds,
  workspaceBuildWithUser,
  workspaces,
  workspaceTransition,
} from '../schema/index.ts';
import type { Template, Workspace, WorkspaceBuild } from '../types.ts';
import { BOUNDS, bytes, date, int32, text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id, lazy } from './define.ts';
import { defineGuardedWrite, insertUnderGuardedParent } from './guarded-write.ts';
import { definePagedList } from './paged-list.ts';

/** The provisioner state of one build, as only `getProvisionerStateByBuildId` returns it. */
export interface BuildProvisionerState {
  id: string;
  workspaceId: string;
  templateVersionId: string;
  provisionerState: Buffer | null;
}

/** Provisioner state (Terraform states run 1-5 MB), at most `BOUNDS.PROVISIONER_STATE_MAX_BYTES`. */
const state = bytes(BOUNDS.PROVISIONER_STATE_MAX_BYTES);
const listFilter = z.object({ workspaceId: id() });

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(eq(workspaceBuildWithUser.workspaceId, input.workspaceId), where);
}

/**
 * Queries over builds. Reads go through `workspace_build_with_user` (the list filter refers to
 * that view's columns), so they never load `provisioner_state`.
 */
export function workspaceBuildsQueries(db: Database) {
  const byId = lazy(() =>
    db
      .select()
      .from(workspaceBuildWithUser)
      .where(eq(workspaceBuildWithUser.id, sql.placeholder('id')))
      .prepare('workspace_builds_get_by_id'),
  );
  const getById = async (buildId: string): Promise<WorkspaceBuild> =>
    firstOrThrow(await byId().execute({ id: buildId }), 'workspace build');
  const paged = definePagedList({
    db,
    table: workspaceBuildWithUser,
    filter: listFilter,
    where: filterWhere,
    orderBy: [desc(workspaceBuildWithUser.buildNumber), asc(workspaceBuildWithUser.id)],
  });
  return {
    /** The build with this id, with the initiator's username; prepared. */
    getWorkspaceBuildById: defineQuery(z.object({ id: id() }), async (input) => getById(input.id)),

    /** The highest-numbered build of a workspace. */
    getLatestWorkspaceBuildByWorkspace: defineQuery(
      z.object({ workspaceId: id() }),
      async (input): Promise<WorkspaceBuild> =>
        firstOrThrow(
          await db
            .select()
            .from(workspaceBuildWithUser)
            .where(eq(workspaceBuildWithUser.workspaceId, input.workspaceId))
            .orderBy(desc(workspaceBuildWithUser.buildNumber))
            .limit(1),
          'workspace build',
        ),
    ),

    /** Builds of a workspace, newest first. */
    listWorkspaceBuildsByWorkspace: paged.list,

    /** How many builds a workspace has. */
    countWorkspaceBuildsByWorkspace: paged.count,

    /** Inserts a build numbered after the workspace's latest (unless `buildNumber` is given). */
    insertWorkspaceBuild: defineGuardedWrite(
      z.object({
        workspaceId: id(),
        templateVersionId: id(),
        transition: z.enum(workspaceTransition.enumValues),
        initiatorId: id(),
        jobId: id(),
        reason: text('SHORT_TEXT_MAX').min(1).optional(),
        buildNumber: int32().min(1).optional(),
        provisionerState: state.optional(),
        deadline: date().optional(),
      }),
      async (input, guard): Promise<WorkspaceBuild> => {
        const buildNumber =
          input.buildNumber ??
          sql`(SELECT COALESCE(MAX(${workspaceBuilds.buildNumber}), 0) + 1 FROM ${workspaceBuilds} WHERE ${workspaceBuilds.workspaceId} = ${input.workspaceId})`;
        // Guarded: `options.where` refers to the `workspaces` row, which must pass it in the
        // INSERT itself (a workspace that fails it, or is missing: `NotFoundError`).
        const workspaceId =
          guard === undefined
            ? input.workspaceId
            : sql`(select ${workspaces.id} from ${workspaces} where ${and(eq(workspaces.id, input.workspaceId), guard)} for share)`;
        const rows: { id: string }[] = await insertUnderGuardedParent(
          'workspace_id',
          'workspace',
          () =>
            db
              .insert(workspaceBuilds)
              .values({ ...input, workspaceId, buildNumber })
              .returning({ id: workspaceBuilds.id }),
        );
        return getById(firstOrThrow(rows, 'workspace build').id);
      },
    ),

    /** The build's provisioner state: the only read of that column. */
    getProvisionerStateByBuildId: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<BuildProvisionerState> =>
        firstOrThrow(
          await db
            .select({
              id: workspaceBuilds.id,
              workspaceId: workspaceBuilds.workspaceId,
              templateVersionId: workspaceBuilds.templateVersionId,
              provisionerState: workspaceBuilds.provisionerState,
            })
            .from(workspaceBuilds)
            .where(eq(workspaceBuilds.id, input.id)),
          'workspace build',
        ),
    ),

    /**
     * The workspace and template of a build, in ONE statement that never reads the build's
     * provisioner state: what the authorization layer checks before reading that state, at the
     * same cost whether the build exists or not.
     */
    getBuildWorkspaceAndTemplate: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<{ workspace: Workspace; template: Template }> =>
        firstOrThrow(
          await db
            .select({ workspace: workspaces, template: templates })
            .from(workspaceBuilds)
            .innerJoin(workspaces, eq(workspaces.id, workspaceBuilds.workspaceId))
            .innerJoin(templates, eq(templates.id, workspaces.templateId))
            .where(eq(workspaceBuilds.id, input.id)),
          'workspace build',
        ),
    ),

    /** Replaces a build's provisioner state. */
    updateProvisionerState: defineGuardedWrite(
      z.object({ id: id(), provisionerState: state }),
      async (input, guard): Promise<void> => {
        // Guarded: `options.where` refers to the build's `workspaces` row.
        const workspacePasses =
          guard === undefined
            ? undefined
            : exists(
                db
                  .select({ one: sql`1` })
                  .from(workspaces)
                  .where(and(eq(workspaces.id, workspaceBuilds.workspaceId), guard)),
              );
        firstOrThrow(
          await db
            .update(workspaceBuilds)
            .set({ provisionerState: input.provisionerState, updatedAt: sql`now()` })
            .where(allOf(eq(workspaceBuilds.id, input.id), workspacePasses))
            .returning({ id: workspaceBuilds.id }),
          'workspace build',
        );
      },
    ),
  };
}
