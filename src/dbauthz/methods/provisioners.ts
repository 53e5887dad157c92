import { NotFoundError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import type { ProvisionerDaemon } from '../../../db/types.ts';
import type { CallContext } from '../call-context.ts';
import { provisionerDaemonColumns } from '../columns/provisioner-daemons.ts';
import { fileObject } from '../objects/file.ts';
import {
  provisionerDaemonObject,
  provisionerDaemonTarget,
  provisionerJobObject,
} from '../objects/provisioner.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredList } from '../wrappers/filtered-list.ts';
import { type Check, custom, orderedChecks } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;
type UpsertDaemon = RawStore['upsertProvisionerDaemon'];

/** Jobs of an organization, as the object of a create or an acquire. */
const jobsIn = (input: { organizationId: string }) =>
  ({ type: 'provisioner_jobs', org: input.organizationId }) as const;

/** The job a completion targets, fetched by the input's `id`. */
const jobById = (raw: RawStore, input: { id: string }) =>
  raw.getProvisionerJobById({ id: input.id });

/** The daemon an upsert would overwrite (same org and name), or `null` when it registers a new one. */
async function existingDaemon(
  input: { organizationId: string; name: string },
  ctx: Ctx,
): Promise<ProvisionerDaemon | null> {
  try {
    return await ctx.raw.getProvisionerDaemonByOrganizationAndName({
      organizationId: input.organizationId,
      name: input.name,
    });
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * Authorization of the `provisioner` area (domain.md): `provisioner_jobs` and `provisioner_daemon`
 * in their org. Acquiring and completing a job is `update` on jobs, which the provisioner daemon
 * and workspace builder actors (and org template admins, who run daemons in Coder) hold.
 */
export const provisionersMethods = {
  /**
   * `create` on jobs in the org, then, when the job names a `fileId`, `read` on that file (its
   * object as `getFileById` builds it; a missing file is the same `ForbiddenError`).
   */
  insertProvisionerJob: orderedChecks(
    async (input: { organizationId: string; fileId?: string | undefined }, ctx: Ctx) => {
      const checks: Check[] = [{ action: 'create', target: jobsIn(input) }];
      if (input.fileId !== undefined) {
        const file = await ctx.fetch(ctx.raw.getFileById({ id: input.fileId }), 'read');
        checks.push({ action: 'read', target: fileObject(file) });
      }
      return checks;
    },
  ),
  getProvisionerJobById: fetchThenAuthorize('read', provisionerJobObject),
  acquireProvisionerJob: authorizeArgs('update', jobsIn),
  completeProvisionerJob: fetchThenMutate(jobById, 'update', provisionerJobObject),
  /**
   * `create` on a daemon in the org (owned by the tags' owner when user-scoped), as in Coder; and
   * since the upsert overwrites the daemon of the same org and name, for an existing one also
   * `update` on it (its own scope and owner), or failing that `create` on it as it stands: a member
   * may refresh the user-scoped daemon they could register, never an org-wide or another user's
   * one. A daemon registered between the lookup and the upsert is not re-checked (run the call in
   * `inTx` to narrow that window).
   */
  upsertProvisionerDaemon: custom<
    RawStore,
    Parameters<UpsertDaemon>[0],
    Awaited<ReturnType<UpsertDaemon>>
  >(async (ctx, call, input) => {
    ctx.authorize('create', provisionerDaemonTarget(input));
    const existing = await existingDaemon(input, ctx);
    if (existing !== null) {
      const object = provisionerDaemonObject(existing);
      if (!ctx.can('update', object)) ctx.authorize('create', object);
    }
    return call(input);
  }),
  getProvisionerDaemonByOrganizationAndName: fetchThenAuthorize('read', provisionerDaemonObject),
  listProvisionerDaemons: filteredList('read', 'provisioner_daemon', provisionerDaemonColumns),
} satisfies Declarations<RawStore>;
