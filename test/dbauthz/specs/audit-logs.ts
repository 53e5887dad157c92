import type { SpecRow } from '../support/spec-row.ts';

const org = 'c3d17000-0000-4000-8000-0000000000f1';
const entry = { id: 'c3d17000-0000-4000-8000-0000000000d1', organizationId: org, action: 'create' };

/** Spec rows of the audit logs area. */
export const auditLogsSpecs: SpecRow[] = [
  {
    method: 'insertAuditLog',
    input: {
      organizationId: org,
      action: 'create',
      resourceType: 'workspace',
      resourceId: entry.id,
      statusCode: 201,
    },
    rawAnswers: { insertAuditLog: entry },
    checks: [{ action: 'create', object: { type: 'audit_log' } }],
    returns: entry,
    rawCalls: ['insertAuditLog'],
  },
  {
    method: 'listAuditLogs',
    input: { organizationId: org },
    rawAnswers: { listAuditLogs: [entry] },
    checks: [{ action: 'read', filter: 'audit_log' }],
    returns: [entry],
  },
  {
    method: 'countAuditLogs',
    input: {},
    rawAnswers: { countAuditLogs: 9 },
    checks: [{ action: 'read', filter: 'audit_log' }],
    returns: 9,
  },
];
