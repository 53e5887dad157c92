import { InvalidInputError } from '../../db/errors.ts';
import type { AuthorizedStore } from './authorized-store.ts';

/** One report of boundary usage: who used it and how many requests were allowed and denied. */
export interface BoundaryUsage {
  readonly workspaceId: string;
  readonly ownerId: string;
  readonly allowedRequests: number;
  readonly deniedRequests: number;
}

/** Options of `createBoundaryUsageTracker`. */
export interface BoundaryUsageTrackerOptions {
  /** Flushes go through `store.asBoundaryUsageTracker()`, never a bypass. */
  readonly store: AuthorizedStore;
  /** This process's replica id (a uuid): its row in `boundary_usage_stats`. */
  readonly replicaId: string;
  /** Flush period in milliseconds; default 60,000. The timer never keeps the process alive. */
  readonly flushIntervalMs?: number;
  /** Receives the error of a failed interval flush (its counts are kept for the next flush). */
  readonly onError?: (error: unknown) => void;
}

/** A per-process accumulator of boundary usage, flushed to the shared stats table. */
export interface BoundaryUsageTracker {
  /** Adds one report in memory (no query); throws `invalid_input` for negative or fractional counts. */
  track(usage: BoundaryUsage): void;
  /** Writes what accumulated since the last flush now (flushes never overlap). */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left; `track` throws afterwards. */
  close(): Promise<void>;
}

const DEFAULT_FLUSH_INTERVAL_MS = 60_000;

function requireCount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(field, 'a non-negative integer');
  }
  return value;
}

/**
 * Accumulates boundary usage per process and flushes it on an interval and at `close()`. Request
 * counts are sent as deltas the upsert adds, so every tracked request is counted exactly once
 * across replicas and `getAndResetBoundaryUsageSummary` calls: a delta is taken out of memory when
 * its flush starts and put back if that flush fails. (A failure whose commit is unknown, such as a
 * connection lost during COMMIT, may therefore count it twice.) Unique workspace and user counts
 * are this replica's totals for the current period, as in Coder: they replace the stored ones, and
 * the sets are cleared when a flush finds the row gone (a get-and-reset began a new period).
 * @example
 * const tracker = createBoundaryUsageTracker({ store, replicaId });
 * tracker.track({ workspaceId, ownerId, allowedRequests: 3, deniedRequests: 1 });
 * process.on('SIGTERM', () => void tracker.close());
 */
export function createBoundaryUsageTracker(
  options: BoundaryUsageTrackerOptions,
): BoundaryUsageTracker {
  const actor = options.store.asBoundaryUsageTracker();
  let workspaces = new Set<string>();
  let users = new Set<string>();
  let allowed = 0;
  let denied = 0;
  let closed = false;
  let running: Promise<void> = Promise.resolve();

  const flushOnce = async (): Promise<void> => {
    if (allowed === 0 && denied === 0 && workspaces.size === 0 && users.size === 0) return;
    const delta = { allowedRequests: allowed, deniedRequests: denied };
    allowed = 0;
    denied = 0;
    try {
      const row = await actor.upsertBoundaryUsageStats({
        replicaId: options.replicaId,
        uniqueWorkspacesCount: workspaces.size,
        uniqueUsersCount: users.size,
        ...delta,
      });
      // Inserted, not updated (the row holds just this delta and was written at its window's
      // start): a get-and-reset removed it, so a new period starts with this flush.
      const inserted =
        row.windowStart.getTime() === row.updatedAt.getTime() &&
        row.allowedRequests === delta.allowedRequests &&
        row.deniedRequests === delta.deniedRequests;
      if (inserted) {
        workspaces = new Set();
        users = new Set();
      }
    } catch (error) {
      allowed += delta.allowedRequests;
      denied += delta.deniedRequests;
      throw error;
    }
  };

  const flush = (): Promise<void> => {
    const next = running.then(flushOnce);
    running = next.catch(() => undefined);
    return next;
  };

  const timer = setInterval(() => {
    flush().catch((error: unknown) => options.onError?.(error));
  }, options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS);
  timer.unref();

  return {
    track(usage) {
      if (closed) throw new InvalidInputError('', 'the boundary usage tracker is closed');
      const allowedRequests = requireCount(usage.allowedRequests, 'allowedRequests');
      const deniedRequests = requireCount(usage.deniedRequests, 'deniedRequests');
      workspaces.add(usage.workspaceId);
      users.add(usage.ownerId);
      allowed += allowedRequests;
      denied += deniedRequests;
    },
    flush,
    async close() {
      closed = true;
      clearInterval(timer);
      await flush();
    },
  };
}
