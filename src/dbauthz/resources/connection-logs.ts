import { connectionLogs } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/**
 * `connection_logs` rows as `connection_log` objects in their org (as Coder): site readers see
 * every row, org auditors and org admins their org's. No owner column: a workspace owner's
 * user-level grant never reaches these rows.
 */
export const connectionLogResource = defineResource({
  type: 'connection_log',
  table: connectionLogs,
  columns: { id: 'id', org: 'organizationId' },
});

/** The column map of `connection_logs` (from `connectionLogResource`). */
export const connectionLogColumns = connectionLogResource.columns;
