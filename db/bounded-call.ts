import { AsyncLocalStorage } from 'node:async_hooks';
import { CancelledError, faultCodeOf, InvalidInputError, TimeoutError } from './errors.ts';

/** Per-call bounds: a caller's cancellation and a deadline, honoured by the query and by the wait for a connection. */
export interface CallBounds {
  /** Aborting it cancels the call: the caller gets `CancelledError` and nothing is written. */
  readonly signal?: AbortSignal | undefined;
  /** Milliseconds the whole call may take, waiting for a connection included; then `TimeoutError`. */
  readonly timeoutMs?: number | undefined;
}

/** Something a bounded call can stop: a driver query (`cancel()`) or a wait for a connection. */
export interface Cancellable {
  cancel(): unknown;
}

interface BoundScope {
  aborted: boolean;
  readonly parent: BoundScope | undefined;
  readonly pending: Set<Cancellable>;
}

const scopes = new AsyncLocalStorage<BoundScope>();

/**
 * How long a call whose deadline passed (or whose signal fired) waits for its cancelled statement
 * to settle before answering anyway: long enough for PostgreSQL to confirm the cancel and roll back.
 */
export const CANCEL_GRACE_MS = 2_000;

/** Cancels `work`; a cancel request that fails (the server is gone) is no error of the call's. */
function cancelQuietly(work: Cancellable): void {
  try {
    Promise.resolve(work.cancel()).catch(() => {});
  } catch {
    // nothing to cancel any more
  }
}

/**
 * Registers work of the current bounded call: it is cancelled when the call's deadline passes or
 * its signal fires, at once if that already happened. Outside a bounded call it does nothing.
 */
export function trackCancellable(work: Cancellable): void {
  for (let scope = scopes.getStore(); scope !== undefined; scope = scope.parent) {
    if (scope.aborted) {
      cancelQuietly(work);
      return;
    }
    scope.pending.add(work);
  }
}

/** Forgets work that has settled, so a late deadline cannot cancel it. */
export function untrackCancellable(work: Cancellable): void {
  for (let scope = scopes.getStore(); scope !== undefined; scope = scope.parent) {
    scope.pending.delete(work);
  }
}

function checkTimeout(timeoutMs: number | undefined): void {
  if (timeoutMs === undefined) return;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidInputError('timeoutMs', 'must be a positive number of milliseconds');
  }
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

const settle = <T>(work: Promise<T>): Promise<Outcome<T>> =>
  work.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );

/**
 * Runs `work` within `bounds`. On the deadline or the signal every tracked query is cancelled
 * (PostgreSQL aborts the statement; a transaction rolls back) and the caller gets `TimeoutError` /
 * `CancelledError`. If the work still completed (it was already committing), its result is
 * returned: a `timeout` or `cancelled` answer always means nothing was written by a query that
 * PostgreSQL answered. With no bounds, `work` runs as is.
 */
export async function runBounded<T>(bounds: CallBounds, work: () => Promise<T>): Promise<T> {
  const { signal, timeoutMs } = bounds;
  if (signal === undefined && timeoutMs === undefined) return work();
  checkTimeout(timeoutMs);
  if (signal?.aborted) throw new CancelledError({ cause: signal.reason });
  const scope: BoundScope = { aborted: false, parent: scopes.getStore(), pending: new Set() };
  const outcome = settle(scopes.run(scope, work));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<'timeout' | 'cancelled'>((resolve) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => resolve('timeout'), timeoutMs);
    onAbort = () => resolve('cancelled');
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([outcome, stop]);
    if (typeof first !== 'string') {
      if (first.ok) return first.value;
      throw first.error;
    }
    scope.aborted = true;
    for (const pending of scope.pending) cancelQuietly(pending);
    scope.pending.clear();
    let grace: ReturnType<typeof setTimeout> | undefined;
    const late = await Promise.race([
      outcome,
      new Promise<undefined>((resolve) => {
        grace = setTimeout(() => resolve(undefined), CANCEL_GRACE_MS);
      }),
    ]);
    clearTimeout(grace);
    if (late?.ok) return late.value;
    // A failure other than our own cancellation (e.g. a constraint) is the real answer.
    if (late !== undefined && faultCodeOf(late.error) !== '57014') throw late.error;
    const options = late === undefined ? {} : { cause: late.error };
    if (first === 'cancelled') throw new CancelledError({ cause: signal?.reason, ...options });
    throw new TimeoutError(`no answer within ${timeoutMs} ms`, timeoutMs, options);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
