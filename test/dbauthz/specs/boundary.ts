import { NotFoundError } from '../../../db/errors.ts';
import type { SpecRow } from '../support/spec-row.ts';

const owner = 'c0d17000-0000-4000-8000-0000000000e1';
const org = 'c0d17000-0000-4000-8000-0000000000f1';
const workspace = {
  id: 'c0d17000-0000-4000-8000-0000000000c1',
  ownerId: owner,
  organizationId: org,
};
const agentId = 'c0d17000-0000-4000-8000-0000000000a1';
const liar = 'c0d17000-0000-4000-8000-0000000000e9';
/** The caller claims the row belongs to someone else; the check must name the real owner. */
const lyingPlacement = { ownerId: liar, organizationId: liar, workspaceId: liar, agentId };
const session = { id: 'c0d17000-0000-4000-8000-0000000000b1', ...lyingPlacement, ownerId: owner };
const log = { id: 'c0d17000-0000-4000-8000-0000000000d1', ownerId: owner, url: 'https://x/' };
const ownersLog = { type: 'boundary_log', owner } as const;

/** Spec rows of the boundary area. */
export const boundarySpecs: SpecRow[] = [
  {
    method: 'insertBoundarySession',
    input: lyingPlacement,
    rawAnswers: { getWorkspaceByAgentId: workspace, insertBoundarySession: session },
    checks: [{ action: 'create', object: ownersLog }],
    returns: session,
    rawCalls: ['getWorkspaceByAgentId', 'insertBoundarySession'],
  },
  {
    method: 'insertBoundaryLogs',
    input: { ...lyingPlacement, logs: [{ time: new Date(0), url: 'https://x/', allowed: true }] },
    rawAnswers: { getWorkspaceByAgentId: workspace, insertBoundaryLogs: [log] },
    checks: [{ action: 'create', object: ownersLog }],
    returns: [log],
    rawCalls: ['getWorkspaceByAgentId', 'insertBoundaryLogs'],
  },
  {
    method: 'insertBoundaryLogs',
    input: { ...lyingPlacement, logs: [{ time: new Date(0), url: 'https://x/', allowed: true }] },
    rawAnswers: { getWorkspaceByAgentId: workspace },
    checks: [{ action: 'create', object: ownersLog, allowed: false }],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceByAgentId'],
  },
  {
    // A session not of this agent (foreign or missing): the raw insert's not-found is a denial.
    method: 'insertBoundaryLogs',
    input: {
      ...lyingPlacement,
      sessionId: session.id,
      logs: [{ time: new Date(0), url: 'https://x/', allowed: true }],
    },
    rawAnswers: {
      getWorkspaceByAgentId: workspace,
      insertBoundaryLogs: new NotFoundError('boundary session'),
    },
    checks: [{ action: 'create', object: ownersLog }],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceByAgentId', 'insertBoundaryLogs'],
  },
  {
    method: 'listBoundaryLogs',
    input: { workspaceId: workspace.id },
    rawAnswers: { listBoundaryLogs: [log] },
    checks: [{ action: 'read', filter: 'boundary_log' }],
    returns: [log],
  },
  {
    method: 'listBoundaryLogs',
    input: {},
    rawAnswers: { listBoundaryLogs: [log] },
    checks: [{ action: 'read', filter: 'boundary_log', predicate: { op: 'false' } }],
    returns: [],
    rawCalls: [],
  },
  {
    method: 'countBoundaryLogs',
    input: {},
    rawAnswers: { countBoundaryLogs: 3 },
    checks: [{ action: 'read', filter: 'boundary_log' }],
    returns: 3,
  },
  {
    method: 'deleteBoundaryLogsOlderThan',
    input: { before: new Date(0) },
    rawAnswers: { deleteBoundaryLogsOlderThan: 4 },
    checks: [{ action: 'delete', object: { type: 'boundary_log' } }],
    returns: 4,
    rawCalls: ['deleteBoundaryLogsOlderThan'],
  },
  {
    method: 'deleteBoundarySessionsOlderThan',
    input: { before: new Date(0) },
    rawAnswers: { deleteBoundarySessionsOlderThan: 2 },
    checks: [{ action: 'delete', object: { type: 'boundary_log' } }],
    returns: 2,
    rawCalls: ['deleteBoundarySessionsOlderThan'],
  },
];
