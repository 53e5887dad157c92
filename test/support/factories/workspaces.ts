import { eq, max } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import * as s from '../../../db/schema/index.ts';
import type { Workspace, WorkspaceAgent } from '../../../db/types.ts';
import { createMember, createOrganization, createUser } from './identity.ts';
import { uniqueName } from './sequence.ts';
import { createProvisionerJob, createTemplate } from './templates.ts';

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

/** Inserts a workspace; missing org, owner (made a member) and template are created. */
export async function createWorkspace(
  db: Database,
  overrides: Insert<typeof s.workspaces> = {},
): Promise<Workspace> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  let ownerId = overrides.ownerId;
  if (ownerId === undefined) {
    ownerId = (await createUser(db)).id;
    await createMember(db, { userId: ownerId, organizationId });
  }
  const templateId = overrides.templateId ?? (await createTemplate(db, { organizationId })).id;
  const [row] = await db
    .insert(s.workspaces)
    .values({ name: uniqueName('ws'), ...overrides, organizationId, ownerId, templateId })
    .returning();
  return row!;
}

/** Options of `createBuild`: the build's columns plus the status its job should have. */
export type BuildOverrides = Insert<typeof s.workspaceBuilds> & {
  jobStatus?: (typeof s.provisionerJobStatus.enumValues)[number];
};

/** The raw `workspace_builds` row (with `provisioner_state`), as the factory inserted it. */
export type BuildRow = typeof s.workspaceBuilds.$inferSelect;

/** Inserts a succeeded start build of a workspace (new workspace when none), next build number. */
export async function createBuild(db: Database, overrides: BuildOverrides = {}): Promise<BuildRow> {
  const { jobStatus = 'succeeded', ...values } = overrides;
  const workspace = values.workspaceId
    ? (await db.select().from(s.workspaces).where(eq(s.workspaces.id, values.workspaceId)))[0]!
    : await createWorkspace(db);
  const [template] = await db
    .select()
    .from(s.templates)
    .where(eq(s.templates.id, workspace.templateId));
  const initiatorId = values.initiatorId ?? workspace.ownerId;
  const jobId =
    values.jobId ??
    (
      await createProvisionerJob(db, {
        organizationId: workspace.organizationId,
        initiatorId,
        type: 'workspace_build',
        status: jobStatus,
      })
    ).id;
  const [last] = await db
    .select({ n: max(s.workspaceBuilds.buildNumber) })
    .from(s.workspaceBuilds)
    .where(eq(s.workspaceBuilds.workspaceId, workspace.id));
  const [row] = await db
    .insert(s.workspaceBuilds)
    .values({
      transition: 'start',
      buildNumber: (last?.n ?? 0) + 1,
      templateVersionId: template!.activeVersionId!,
      ...values,
      workspaceId: workspace.id,
      initiatorId,
      jobId,
    })
    .returning();
  return row!;
}

/** Inserts an agent on a build (a new build when none is given). */
export async function createAgent(
  db: Database,
  overrides: Insert<typeof s.workspaceAgents> = {},
): Promise<WorkspaceAgent> {
  const buildId = overrides.buildId ?? (await createBuild(db)).id;
  const [row] = await db
    .insert(s.workspaceAgents)
    .values({ name: 'main', ...overrides, buildId })
    .returning();
  return row!;
}
