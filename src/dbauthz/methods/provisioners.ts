import type { RawStore } from '../../../db/queries/index.ts';
import { provisionerDaemonColumns } from '../columns/provisioner-daemons.ts';
import { provisionerDaemonTarget, provisionerJobObject } from '../objects/provisioner.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredList } from '../wrappers/filtered-list.ts';

/** Jobs of an organization, as the object of a create or an acquire. */
const jobsIn = (input: { organizationId: string }) =>
  ({ type: 'provisioner_jobs', org: input.organizationId }) as const;

/** The job a completion targets, fetched by the input's `id`. */
const jobById = (raw: RawStore, input: { id: string }) =>
  raw.getProvisionerJobById({ id: input.id });

/**
 * Authorization of the `provisioner` area (domain.md): `provisioner_jobs` and `provisioner_daemon`
 * in their org. Acquiring and completing a job is `update` on jobs, which the provisioner daemon
 * and workspace builder actors (and org template admins, who run daemons in Coder) hold.
 */
export const provisionersMethods = {
  insertProvisionerJob: authorizeArgs('create', jobsIn),
  getProvisionerJobById: fetchThenAuthorize('read', provisionerJobObject),
  acquireProvisionerJob: authorizeArgs('update', jobsIn),
  completeProvisionerJob: fetchThenMutate(jobById, 'update', provisionerJobObject),
  /** `create` on a daemon in the org (owned by the tags' owner when user-scoped), as in Coder. */
  upsertProvisionerDaemon: authorizeArgs('create', provisionerDaemonTarget),
  listProvisionerDaemons: filteredList('read', 'provisioner_daemon', provisionerDaemonColumns),
} satisfies Declarations<RawStore>;
