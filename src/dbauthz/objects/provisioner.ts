import type { ProvisionerDaemon, ProvisionerJob } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/** A provisioner job as an RBAC object: `provisioner_jobs` in the job's org. */
export function provisionerJobObject(
  job: Pick<ProvisionerJob, 'id' | 'organizationId'>,
): RbacObject {
  return { type: 'provisioner_jobs', id: job.id, org: job.organizationId };
}

/**
 * A daemon about to be registered: `provisioner_daemon` in the org, owned by the user named in its
 * tags when it is user-scoped (`scope: user`, `owner: <id>`), as in Coder.
 */
export function provisionerDaemonTarget(daemon: {
  readonly organizationId: string;
  readonly tags?: Readonly<Record<string, string>> | undefined;
}): RbacObject {
  const owner = daemon.tags?.scope === 'user' ? daemon.tags.owner : undefined;
  const object: RbacObject = { type: 'provisioner_daemon', org: daemon.organizationId };
  return owner === undefined || owner === '' ? object : { ...object, owner };
}

/** A registered daemon as an RBAC object (list rows; see `provisionerDaemonColumns`). */
export function provisionerDaemonObject(
  daemon: Pick<ProvisionerDaemon, 'id' | 'organizationId' | 'tags'>,
): RbacObject {
  return { ...provisionerDaemonTarget(daemon), id: daemon.id };
}
