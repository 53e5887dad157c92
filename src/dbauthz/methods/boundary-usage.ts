import type { RawStore } from '../../../db/queries/index.ts';
import type { RbacObject } from '../../rbac/types.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { orderedChecks } from '../wrappers/ordered-checks.ts';

/** The deployment-wide usage counters; no built-in human role holds any `boundary_usage` action. */
const usage = (): RbacObject => ({ type: 'boundary_usage' });

/**
 * Authorization of boundary usage stats (domain.md: boundary usage): `boundary_usage`
 * update / read / delete, which only `asBoundaryUsageTracker` holds.
 */
export const boundaryUsageMethods = {
  upsertBoundaryUsageStats: authorizeArgs('update', usage),
  getBoundaryUsageSummary: authorizeArgs('read', usage),
  // Reads and deletes in one statement, so it needs both (the tracker actor only).
  getAndResetBoundaryUsageSummary: orderedChecks(() => [
    { action: 'read', target: usage() },
    { action: 'delete', target: usage() },
  ]),
  resetBoundaryUsageStats: authorizeArgs('delete', usage),
  deleteBoundaryUsageStatsByReplica: authorizeArgs('delete', usage),
} satisfies Declarations<RawStore>;
