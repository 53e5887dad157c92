import type { RawStore } from '../../../db/queries/index.ts';
import type { RbacObject } from '../../rbac/types.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';

/** The deployment-wide usage counters; no built-in human role holds any `boundary_usage` action. */
const usage = (): RbacObject => ({ type: 'boundary_usage' });

/**
 * Authorization of boundary usage stats (domain.md: boundary usage): `boundary_usage`
 * update / read / delete, which only `asBoundaryUsageTracker` holds.
 */
export const boundaryUsageMethods = {
  upsertBoundaryUsageStats: authorizeArgs('update', usage),
  getBoundaryUsageSummary: authorizeArgs('read', usage),
  resetBoundaryUsageStats: authorizeArgs('delete', usage),
  deleteBoundaryUsageStatsByReplica: authorizeArgs('delete', usage),
} satisfies Declarations<RawStore>;
