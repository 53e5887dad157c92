import { sql } from 'drizzle-orm';
import { provisionerDaemons } from '../../../db/schema/index.ts';
import type { ProvisionerDaemon } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import type { ResourceBinding } from './define-resource.ts';

type DaemonRow = Pick<ProvisionerDaemon, 'id' | 'organizationId' | 'tags'>;

/**
 * `provisioner_daemons` rows as `provisioner_daemon` objects: org-owned; a user-scoped daemon
 * (tags `scope: user`) is owned by the tags' `owner`, exactly as `provisionerDaemonObject` says.
 */
export const provisionerDaemonColumns: ColumnMap = {
  id: provisionerDaemons.id,
  org: provisionerDaemons.organizationId,
  owner: {
    sql: sql`(case when ${provisionerDaemons.tags}->>'scope' = 'user' then ${provisionerDaemons.tags}->>'owner' end)`,
    kind: 'text',
  },
};

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
export function provisionerDaemonObject(daemon: DaemonRow): RbacObject {
  return { ...provisionerDaemonTarget(daemon), id: daemon.id };
}

/** `provisioner_daemons` bound by hand: the owner is read from the tags, only for a user scope. */
export const provisionerDaemonResource: ResourceBinding<DaemonRow, typeof provisionerDaemons> =
  Object.freeze({
    type: 'provisioner_daemon',
    table: provisionerDaemons,
    columns: provisionerDaemonColumns,
    object: provisionerDaemonObject,
  });
