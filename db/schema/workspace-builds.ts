import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, pgView, text, unique, uuid } from 'drizzle-orm/pg-core';
import { bytea, timestamps, timestamptz } from './columns.ts';
import { workspaceTransition } from './enums.ts';
import { provisionerJobs } from './provisioners.ts';
import { templateVersions } from './templates.ts';
import { users } from './users.ts';
import { workspaces } from './workspaces.ts';

/** Builds of a workspace, numbered from 1; `provisioner_state` is the (large) Terraform state. */
export const workspaceBuilds = pgTable(
  'workspace_builds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    templateVersionId: uuid('template_version_id')
      .notNull()
      .references(() => templateVersions.id),
    buildNumber: integer('build_number').notNull(),
    transition: workspaceTransition('transition').notNull(),
    initiatorId: uuid('initiator_id')
      .notNull()
      .references(() => users.id),
    jobId: uuid('job_id')
      .notNull()
      .unique('workspace_builds_job_id_key')
      .references(() => provisionerJobs.id),
    reason: text('reason').notNull().default('initiator'),
    provisionerState: bytea('provisioner_state'),
    deadline: timestamptz('deadline'),
    ...timestamps(),
  },
  (t) => [
    unique('workspace_builds_workspace_id_build_number_key').on(t.workspaceId, t.buildNumber),
    index('workspace_builds_initiator_id_idx').on(t.initiatorId),
    check('workspace_builds_build_number_positive', sql`${t.buildNumber} > 0`),
  ],
);

/** Builds with the initiator's username; deliberately leaves out `provisioner_state`. */
export const workspaceBuildWithUser = pgView('workspace_build_with_user').as((qb) =>
  qb
    .select({
      id: workspaceBuilds.id,
      workspaceId: workspaceBuilds.workspaceId,
      templateVersionId: workspaceBuilds.templateVersionId,
      buildNumber: workspaceBuilds.buildNumber,
      transition: workspaceBuilds.transition,
      initiatorId: workspaceBuilds.initiatorId,
      jobId: workspaceBuilds.jobId,
      reason: workspaceBuilds.reason,
      deadline: workspaceBuilds.deadline,
      createdAt: workspaceBuilds.createdAt,
      updatedAt: workspaceBuilds.updatedAt,
      initiatorByUsername: sql<string>`${users.username}`.as('initiator_by_username'),
      initiatorByAvatarUrl: sql<string>`${users.avatarUrl}`.as('initiator_by_avatar_url'),
    })
    .from(workspaceBuilds)
    .innerJoin(users, sql`${users.id} = ${workspaceBuilds.initiatorId}`),
);
