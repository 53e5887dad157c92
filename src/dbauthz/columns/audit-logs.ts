import { auditLogs } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/**
 * `audit_logs` rows as `audit_log` objects in their org (as Coder): site readers see every row,
 * org auditors and org admins their org's (a site-wide entry, org NULL, matches no org grant).
 * No owner column: the acting user's own entries are not theirs to read.
 */
export const auditLogColumns: ColumnMap = { id: auditLogs.id, org: auditLogs.organizationId };
