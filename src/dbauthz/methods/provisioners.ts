import { or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { filterOr } from '../../sql/combine-filters.ts';
import type { CallContext } from '../call-context.ts';
import { requireActorAttribution } from '../checks/require-actor.ts';
import { requireMatch } from '../checks/require-match.ts';
import { hideNotFound } from '../hide-not-found.ts';
import { fileObject } from '../resources/files.ts';
import {
  provisionerDaemonColumns,
  provisionerDaemonObject,
  provisionerDaemonTarget,
} from '../resources/provisioner-daemons.ts';
import { provisionerJobColumns, provisionerJobObject } from '../resources/provisioner-jobs.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredList } from '../wrappers/filtered-list.ts';
import { guardedWrite, rowGuard } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;

/** Jobs of an organization, as the object of a create or an acquire. */
const jobsIn = (input: { organizationId: string }) =>
  ({ type: 'provisioner_jobs', org: input.organizationId }) as const;

/**
 * The condition an EXISTING daemon must meet for an upsert to overwrite it: one the actor may
 * `update`, or may `create` as it stands (a member refreshing their own user-scoped daemon).
 * `undefined` when every row qualifies; `false` when none does (a new daemon still registers).
 */
function existingDaemonGuard(ctx: Ctx): SQL | undefined {
  const filters = [
    ctx.filter('update', 'provisioner_daemon', provisionerDaemonColumns),
    ctx.filter('create', 'provisioner_daemon', provisionerDaemonColumns),
  ];
  if (filters.some((f) => f.kind === 'all')) return undefined;
  const conditions = filters.flatMap((f) => (f.kind === 'where' ? [f.sql] : []));
  const [first, second] = conditions;
  if (first === undefined) return sql`false`;
  return second === undefined ? first : or(first, second);
}

/** Keys of a job's `input` that name a workspace build or a template version (ours and Coder's). */
const JOB_INPUT_REFERENCES = {
  workspaceBuildId: 'build',
  workspace_build_id: 'build',
  templateVersionId: 'version',
  template_version_id: 'version',
} as const;

/** The organization of the build or version a job input names (a missing row is a denial). */
async function referencedOrg(ctx: Ctx, kind: 'build' | 'version', id: string): Promise<string> {
  if (kind === 'version') {
    return (await ctx.fetch(ctx.raw.getTemplateVersionById({ id }), 'create')).organizationId;
  }
  const build = await ctx.fetch(ctx.raw.getWorkspaceBuildById({ id }), 'create');
  return (await ctx.fetch(ctx.raw.getWorkspaceById({ id: build.workspaceId }), 'create'))
    .organizationId;
}

/** Refuses a job whose input names a build or version outside the job's org (or not a uuid). */
async function requireInputReferencesInOrg(
  ctx: Ctx,
  job: { organizationId: string; input?: Record<string, unknown> | undefined },
): Promise<void> {
  for (const [key, kind] of Object.entries(JOB_INPUT_REFERENCES)) {
    const value = job.input?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !z.guid().safeParse(value).success) {
      throw new InvalidInputError(`input.${key}`, 'must be a uuid');
    }
    const org = await referencedOrg(ctx, kind, value);
    requireMatch(ctx, org === job.organizationId, 'create', {
      field: `input.${key}`,
      referencedOrg: org,
      jobOrg: job.organizationId,
    });
  }
}

/**
 * Authorization of the `provisioner` area (domain.md): `provisioner_jobs` and `provisioner_daemon`
 * in their org. Acquiring and completing a job is `update` on jobs, which the provisioner daemon
 * and workspace builder actors (and org template admins, who run daemons in Coder) hold.
 */
export const provisionersMethods = {
  /**
   * `create` on jobs in the org, decided first; then a human actor must be the `initiatorId`; a
   * `fileId` needs `read` on that file (its object as `getFileById` builds it); and a build or
   * version the job's `input` names (`JOB_INPUT_REFERENCES`) must be of the job's org. A missing
   * file, build or version is the same `ForbiddenError` as a denied or foreign one.
   */
  insertProvisionerJob: custom(async (ctx, call, input) => {
    ctx.authorize('create', jobsIn(input));
    requireActorAttribution(ctx, 'initiatorId', input.initiatorId, 'create');
    if (input.fileId !== undefined) {
      const file = await ctx.fetch(ctx.raw.getFileById({ id: input.fileId }), 'read');
      ctx.authorize('read', fileObject(file));
    }
    await requireInputReferencesInOrg(ctx, input);
    return call(input);
  }),
  getProvisionerJobById: fetchThenAuthorize('read', provisionerJobObject),
  acquireProvisionerJob: authorizeArgs('update', jobsIn),
  /** Guarded `update` on the job (its org), decided in the UPDATE that completes it. */
  completeProvisionerJob: guardedWrite(
    'update',
    rowGuard('update', 'provisioner_jobs', provisionerJobColumns),
  ),
  /**
   * `create` on a daemon in the org (owned by the tags' owner when user-scoped), as in Coder. The
   * upsert overwrites the daemon of the same org and name, so the statement itself carries
   * `existingDaemonGuard` (`ON CONFLICT ... DO UPDATE ... WHERE`): an existing daemon is refreshed
   * only if the actor may `update` it, or `create` it as it stands, in the row version the upsert
   * meets. An org-wide daemon registered concurrently is never turned into a user's; a refused
   * overwrite is the same `ForbiddenError` as a denial.
   */
  upsertProvisionerDaemon: custom(async (ctx, call, input) => {
    ctx.authorize('create', provisionerDaemonTarget(input));
    const guard = existingDaemonGuard(ctx);
    try {
      return await call(input, guard === undefined ? {} : { where: guard });
    } catch (error) {
      throw hideNotFound(error, ctx.actor.id, 'update');
    }
  }),
  getProvisionerDaemonByOrganizationAndName: fetchThenAuthorize('read', provisionerDaemonObject),
  /**
   * The heartbeat, decided in the UPDATE (guarded): `update` on the daemon, as Coder's
   * `UpdateProvisionerDaemonLastSeenAt` (the provisioner daemon actor, org template admins), or
   * `create` on it as it stands, the rule `upsertProvisionerDaemon` already refreshes a daemon by:
   * the owner of a user-scoped daemon (who holds `create`, not `update`, on it in the org).
   */
  updateProvisionerDaemonLastSeenAt: guardedWrite('update', (_input, ctx: Ctx) =>
    filterOr(
      ctx.filter('update', 'provisioner_daemon', provisionerDaemonColumns),
      ctx.filter('create', 'provisioner_daemon', provisionerDaemonColumns),
    ),
  ),
  listProvisionerDaemons: filteredList('read', 'provisioner_daemon', provisionerDaemonColumns),
} satisfies Declarations<RawStore>;
