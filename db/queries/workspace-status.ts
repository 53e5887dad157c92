import { type SQL, sql } from 'drizzle-orm';
import { provisionerJobs, workspaceBuilds, workspaces } from '../schema/index.ts';

/** The statuses a workspace can be in, derived from its latest build and that build's job. */
export const WORKSPACE_STATUSES = [
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'deleting',
  'deleted',
  'failed',
  'canceled',
] as const;

/** One of `WORKSPACE_STATUSES`. */
export type WorkspaceStatus = (typeof WORKSPACE_STATUSES)[number];

/**
 * SQL for the status of the `workspaces` row in scope: pending/failed/canceled from the latest
 * build's job, else the transition in progress (`starting`) or done (`running`); NULL without builds.
 */
export function workspaceStatusSql(): SQL<WorkspaceStatus | null> {
  return sql<WorkspaceStatus | null>`(
    SELECT CASE
      WHEN j.status = 'succeeded' THEN CASE b.transition
        WHEN 'start' THEN 'running' WHEN 'stop' THEN 'stopped' ELSE 'deleted' END
      WHEN j.status = 'running' THEN CASE b.transition
        WHEN 'start' THEN 'starting' WHEN 'stop' THEN 'stopping' ELSE 'deleting' END
      ELSE j.status::text
    END
    FROM ${workspaceBuilds} b JOIN ${provisionerJobs} j ON j.id = b.job_id
    WHERE b.workspace_id = ${workspaces.id}
    ORDER BY b.build_number DESC
    LIMIT 1
  )`;
}
