import { sql } from 'drizzle-orm';
import { provisionerDaemons } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

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
