import type { Sql } from 'postgres';

// Work-arounds for defects of postgres.js 3.4.9 that the guarded client relies on. Each reads or
// sets the driver's own (non-public) fields, and does nothing when they are not there.

// What the guard reads and sets on a postgres.js 3.4.9 query (its own fields, not public API).
interface DriverQuery {
  /** Set once the query is handed to a connection (it has been or will be sent). */
  state?: unknown;
  /** Set once the query was awaited and is on its way to a connection. */
  executed?: boolean;
  strings?: unknown;
  args?: unknown;
  canceller?: ((query: unknown) => unknown) | null;
  reject?: (error: unknown) => void;
}

/** A statement that reads and writes nothing: what a query stopped before it was sent becomes. */
const NOTHING = ['SELECT NULL WHERE false'];

function cancelledError(): Error {
  const message = 'canceling statement due to user request: the call was stopped before it ran';
  return Object.assign(new Error(message), { code: '57014' });
}

/**
 * Stops a postgres.js query of a bounded call whose deadline passed or whose signal fired.
 *
 * The driver's own `cancel()` is only safe once the query was sent: a query cancelled before that
 * and then handed to a connection (by the pool, as a connection's first query while it connects,
 * or queued on a reserved connection) is skipped without being sent, and 3.4.9 then parks that
 * connection for good, waiting for an answer that never comes. So a query not yet awaited is
 * failed and never dispatched; one on its way to a connection is failed and turned into a
 * statement that touches nothing, which the connection then runs as usual; a sent one gets
 * PostgreSQL's cancel request, whose own failure (the server is gone) is handled here.
 */
export function stopQuery(query: PromiseLike<unknown>): void {
  const driver = query as unknown as DriverQuery;
  if (driver.state) {
    const canceller = driver.canceller;
    if (typeof canceller !== 'function') return;
    driver.canceller = null;
    Promise.resolve(canceller(query)).catch(() => {});
    return;
  }
  driver.canceller = null;
  if (driver.executed === true) {
    driver.strings = NOTHING;
    driver.args = [];
  } else {
    driver.executed = true;
    // Nobody awaits it yet: observe the rejection without dispatching (Query#then would).
    Promise.prototype.then.call(query, undefined, () => {});
  }
  driver.reject?.(cancelledError());
}

interface DriverOptions {
  fetch_types?: boolean;
  backoff?: unknown;
  shared?: { typeArrayMap?: Record<string, unknown>; retries?: number };
}

/**
 * Once the driver has fetched the server's array types (on its first connection), stops it
 * fetching them again on every reconnect. postgres.js never awaits that fetch, so a server going
 * away in the middle of it rejected unhandled (ECONNRESET/ECONNREFUSED during restarts), which
 * exits a default Node process; the array parsers it built stay in place.
 */
export function keepArrayTypes(client: Sql): void {
  const options = (client as unknown as { options?: DriverOptions }).options;
  if (options?.fetch_types !== true) return;
  if (Object.keys(options.shared?.typeArrayMap ?? {}).length === 0) return;
  options.fetch_types = false;
}

/**
 * The largest pool-wide reconnect count that postgres.js's default backoff is given: its wait
 * before a reconnect, `3^n / 100` s times a random 0.5-1, then stays under 0.81 s.
 */
export const MAX_RECONNECT_STEP = 4;

/**
 * Caps the reconnect wait of a client that uses the driver's default backoff. The driver counts
 * failed connection attempts for the whole pool and never lowers the count until one succeeds, so
 * an outage of about a second (a dozen refused connects under load) makes every connection wait
 * 10-20 s before trying again, long after the server is back. A client given its own `backoff`
 * keeps it.
 */
export function capReconnectBackoff(client: Sql): void {
  const options = (client as unknown as { options?: DriverOptions }).options;
  const shared = options?.shared;
  if (shared === undefined || typeof options?.backoff !== 'function') return;
  if (options.backoff.name !== 'backoff') return; // the application's own function
  let retries = Math.min(Number(shared.retries) || 0, MAX_RECONNECT_STEP);
  Object.defineProperty(shared, 'retries', {
    configurable: true,
    enumerable: true,
    get: () => retries,
    set: (value: number) => {
      retries = Math.min(value, MAX_RECONNECT_STEP);
    },
  });
}
