import type { SpecRow } from '../support/spec-row.ts';

const replicaId = 'c1d17000-0000-4000-8000-0000000000a1';
const usage = { type: 'boundary_usage' } as const;
const summary = {
  replicas: 2,
  uniqueWorkspacesCount: 3,
  uniqueUsersCount: 2,
  allowedRequests: 10,
  deniedRequests: 1,
};
const counters = {
  uniqueWorkspacesCount: 1,
  uniqueUsersCount: 1,
  allowedRequests: 5,
  deniedRequests: 0,
};

/** Spec rows of the boundary usage area. */
export const boundaryUsageSpecs: SpecRow[] = [
  {
    method: 'upsertBoundaryUsageStats',
    input: { replicaId, ...counters },
    rawAnswers: { upsertBoundaryUsageStats: { replicaId, ...counters } },
    checks: [{ action: 'update', object: usage }],
    returns: { replicaId, ...counters },
    rawCalls: ['upsertBoundaryUsageStats'],
  },
  {
    method: 'getBoundaryUsageSummary',
    input: {},
    rawAnswers: { getBoundaryUsageSummary: summary },
    checks: [{ action: 'read', object: usage }],
    returns: summary,
    rawCalls: ['getBoundaryUsageSummary'],
  },
  {
    method: 'getAndResetBoundaryUsageSummary',
    input: {},
    rawAnswers: { getAndResetBoundaryUsageSummary: summary },
    checks: [
      { action: 'read', object: usage },
      { action: 'delete', object: usage },
    ],
    returns: summary,
    rawCalls: ['getAndResetBoundaryUsageSummary'],
  },
  {
    method: 'resetBoundaryUsageStats',
    input: {},
    rawAnswers: { resetBoundaryUsageStats: 2 },
    checks: [{ action: 'delete', object: usage }],
    returns: 2,
    rawCalls: ['resetBoundaryUsageStats'],
  },
  {
    method: 'deleteBoundaryUsageStatsByReplica',
    input: { replicaId },
    rawAnswers: { deleteBoundaryUsageStatsByReplica: 1 },
    checks: [{ action: 'delete', object: usage }],
    returns: 1,
    rawCalls: ['deleteBoundaryUsageStatsByReplica'],
  },
];
