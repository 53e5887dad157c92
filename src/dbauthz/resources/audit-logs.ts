import { auditLogs } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/**
 * `audit_logs` rows as `audit_log` objects in their org (as Coder): site readers see every row,
 * org auditors and org admins their org's (a site-wide entry, org NULL, has no org and matches no
 * org grant). No owner column: the acting user's own entries are not theirs to read.
 */
export const auditLogResource = defineResource({
  type: 'audit_log',
  table: auditLogs,
  columns: { id: 'id', org: 'organizationId' },
});

/** The column map of `audit_logs` (from `auditLogResource`). */
export const auditLogColumns = auditLogResource.columns;
