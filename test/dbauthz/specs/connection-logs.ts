import type { SpecRow } from '../support/spec-row.ts';

const org = 'c2d17000-0000-4000-8000-0000000000f1';
const log = { id: 'c2d17000-0000-4000-8000-0000000000d1', organizationId: org, type: 'ssh' };

/** Spec rows of the connection logs area. */
export const connectionLogsSpecs: SpecRow[] = [
  {
    method: 'upsertConnectionLog',
    input: {
      event: 'connect',
      time: new Date(0),
      connectionId: log.id,
      organizationId: org,
      workspaceOwnerId: 'c2d17000-0000-4000-8000-0000000000a1',
      workspaceId: 'c2d17000-0000-4000-8000-0000000000b1',
      workspaceName: 'dev',
      agentName: 'main',
      type: 'ssh',
    },
    rawAnswers: { upsertConnectionLog: log },
    checks: [{ action: 'update', object: { type: 'connection_log' } }],
    returns: log,
    rawCalls: ['upsertConnectionLog'],
  },
  {
    method: 'listConnectionLogs',
    input: { organizationId: org },
    rawAnswers: { listConnectionLogs: [log] },
    checks: [{ action: 'read', filter: 'connection_log' }],
    returns: [log],
  },
  {
    method: 'countConnectionLogs',
    input: {},
    rawAnswers: { countConnectionLogs: 5 },
    checks: [{ action: 'read', filter: 'connection_log' }],
    returns: 5,
  },
  {
    method: 'countConnectionLogs',
    input: {},
    rawAnswers: { countConnectionLogs: 5 },
    checks: [{ action: 'read', filter: 'connection_log', predicate: { op: 'false' } }],
    returns: 0,
    rawCalls: [],
  },
  {
    method: 'deleteConnectionLogsOlderThan',
    input: { before: new Date(0) },
    rawAnswers: { deleteConnectionLogsOlderThan: 7 },
    checks: [{ action: 'delete', object: { type: 'system' } }],
    returns: 7,
    rawCalls: ['deleteConnectionLogsOlderThan'],
  },
];
