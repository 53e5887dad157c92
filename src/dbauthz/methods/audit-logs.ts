import type { RawStore } from '../../../db/queries/index.ts';
import { auditLogColumns } from '../resources/audit-logs.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';

const readable = ['read', 'audit_log', auditLogColumns] as const;

/** Authorization of audit logs (domain.md: audit logs). */
export const auditLogsMethods = {
  /**
   * Site-wide `audit_log` create (no org, as Coder): the auditing plumbing (`asSystemRestricted`)
   * and a site owner; an org admin cannot append entries to their org's trail.
   */
  insertAuditLog: authorizeArgs('create', () => ({ type: 'audit_log' })),
  /** SQL filter: a site reader sees every row, an org auditor or org admin their org's. */
  listAuditLogs: filteredList(...readable),
  countAuditLogs: filteredCount(...readable),
} satisfies Declarations<RawStore>;
