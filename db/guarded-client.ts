import type { ReservedSql, Sql } from 'postgres';
import { type Cancellable, trackCancellable } from './bounded-call.ts';
import { capReconnectBackoff, keepArrayTypes, stopQuery } from './postgres-js-quirks.ts';
import { assertOutsideOwnTransaction, runInTransactionScope } from './transaction-scope.ts';

// The slice of a postgres.js query and client this guard uses.
type Query = Promise<unknown> & Cancellable & { values(): Query };
type Unsafe = (query: string, params?: unknown[], options?: object) => Query;
interface PooledConnection {
  onclose: ((error: unknown) => void) | null;
}

const GUARDED = Symbol.for('dbauthz.guarded-client');

/** Tracks a postgres.js query for the bounded call around it (see `stopQuery`). */
function track(query: Query): void {
  trackCancellable({ cancel: () => stopQuery(query) });
}

/**
 * Asks the driver to prepare a statement that has parameters, as postgres.js does for its own
 * tagged queries (drizzle asks it not to): PostgreSQL then parses and plans each distinct text
 * once per connection. A client created with `prepare: false` (PgBouncer in transaction mode
 * before 1.21) prepares nothing, whatever a query asks.
 */
function preparedArgs(args: Parameters<Unsafe>): Parameters<Unsafe> {
  const [text, params, options] = args;
  if (params === undefined || params.length === 0) return args;
  return [text, params, { ...options, prepare: true, onexecute: noPipelining }];
}

/**
 * Keeps a connection from taking another statement while a prepared one is in flight (the driver
 * treats the connection as full). postgres.js pipelines prepared statements, and a pipelined
 * connection whose backend is killed can leave calls waiting forever on the reconnected
 * connection (`test/faults/backend-kills.test.ts`, "idle pooled connections"); unprepared
 * statements with parameters never pipeline, so this restores what they did.
 */
const noPipelining = (): boolean => false;

/** A query that fails at once with the driver's "connection closed" error, never touching a socket. */
function closedQuery(cause: unknown): Query {
  const error = Object.assign(new Error('the transaction connection was closed'), {
    code: 'CONNECTION_CLOSED',
    cause,
  });
  const query = Promise.reject(error) as Query;
  query.values = () => query;
  query.cancel = () => undefined;
  return query;
}

/** Waits for a pooled connection, giving up (57014) when the bounded call around it is stopped. */
async function reserve(client: Sql): Promise<ReservedSql> {
  const reserving = client.reserve();
  let stopped = false;
  const stop = new Promise<never>((_, reject) => {
    trackCancellable({
      cancel() {
        stopped = true;
        const message = 'canceling: no connection was free before the call was stopped';
        reject(Object.assign(new Error(message), { code: '57014' }));
      },
    });
  });
  try {
    return await Promise.race([reserving, stop]);
  } catch (error) {
    // The reservation may still arrive: hand it straight back to the pool.
    if (stopped) reserving.then((connection) => connection.release()).catch(() => {});
    throw error;
  }
}

/**
 * One transaction on a reserved connection. It watches the connection itself: once PostgreSQL or
 * the network closes it, nothing more is written to it (postgres.js 3.4.9 would write to the
 * dead socket: an uncaught TypeError, and the connection never answers again) and it is never
 * handed back to the pool by us (the pool reconnects it on its own).
 */
async function runTransaction<T>(
  client: Sql,
  root: object,
  mode: string,
  fn: (tx: Sql) => T | Promise<T>,
): Promise<T> {
  const conn = await reserve(client);
  const raw = conn.unsafe.bind(conn) as unknown as Unsafe;
  let connection: PooledConnection | undefined;
  let closed: unknown;
  let onClosed: (error: unknown) => void = () => {};
  const closing = new Promise<never>((_, reject) => {
    onClosed = reject;
  });
  closing.catch(() => {}); // observed through the races below
  const watch = (c: PooledConnection) => {
    connection = c;
    c.onclose = (error) => {
      closed = error ?? new Error('connection closed');
      onClosed(closed);
    };
    return true; // keep postgres.js's own "ready for more" answer
  };
  const control = (text: string, options: object = {}): Promise<unknown> =>
    closed === undefined ? Promise.race([raw(text, [], options), closing]) : closedQuery(closed);
  const release = () => {
    if (connection !== undefined) connection.onclose = null;
    conn.release();
  };
  const abandon = async () => {
    if (closed !== undefined) return; // PostgreSQL rolled back when the session ended
    try {
      await control('ROLLBACK');
      release();
    } catch {
      // The connection failed while rolling back: the pool reconnects it; we never reuse it.
    }
  };

  const run: Unsafe = (...args) => {
    if (closed !== undefined) return closedQuery(closed);
    const query = raw(...preparedArgs(args));
    track(query);
    return query;
  };
  let savepoints = 0;
  const savepoint = async <R>(inner: (tx: Sql) => R | Promise<R>): Promise<R> => {
    const name = `dbauthz_sp_${++savepoints}`;
    await run(`SAVEPOINT ${name}`);
    try {
      const result = await inner(handle);
      await run(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      if (closed === undefined) await control(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => {});
      throw error;
    }
  };
  const handle = new Proxy(conn, {
    get(target, prop) {
      if (prop === 'unsafe') return run;
      if (prop === 'savepoint') return savepoint;
      if (prop === 'begin' || prop === 'reserve' || prop === 'release') {
        return () => {
          throw new Error(`${String(prop)}() is not available on a transaction`);
        };
      }
      return Reflect.get(target, prop);
    },
  }) as unknown as Sql;

  try {
    const begin = raw(`BEGIN ${mode}`.trim(), [], { onexecute: watch });
    track(begin);
    await Promise.race([begin, closing]);
  } catch (error) {
    await abandon();
    throw error;
  }
  let result: T;
  try {
    result = await Promise.race([runInTransactionScope(root, () => fn(handle)), closing]);
  } catch (error) {
    await abandon();
    throw error;
  }
  try {
    await control('COMMIT'); // never cancelled: it either lands or fails on its own
  } catch (error) {
    await abandon();
    throw error;
  }
  release();
  return result;
}

/**
 * Guards a postgres.js client for the stores: queries of a bounded call can be cancelled, the outer
 * client refuses work inside its own transaction (`outer_store_in_transaction`), and transactions
 * run on a reserved connection that is never written to once closed (see `docs/faults.md`).
 */
export function guardClient(client: Sql): Sql {
  if ((client as unknown as Record<symbol, unknown>)[GUARDED] === true) return client;
  capReconnectBackoff(client);
  const target = client as unknown as { unsafe: Unsafe };
  const unsafe: Unsafe = (...args) => {
    assertOutsideOwnTransaction(root);
    keepArrayTypes(client);
    const query = target.unsafe(...preparedArgs(args));
    track(query);
    return query;
  };
  const begin = <T>(
    modeOrFn: string | ((tx: Sql) => T),
    maybeFn?: (tx: Sql) => T,
  ): Promise<Awaited<T>> => {
    assertOutsideOwnTransaction(root);
    const fn = typeof modeOrFn === 'function' ? modeOrFn : maybeFn;
    if (fn === undefined) throw new TypeError('begin(fn): a callback is required');
    const mode = typeof modeOrFn === 'string' ? modeOrFn.replace(/[^a-z ]/gi, '') : '';
    return runTransaction(client, root, mode, fn) as Promise<Awaited<T>>;
  };
  const reserveGuarded = () => {
    assertOutsideOwnTransaction(root);
    return client.reserve();
  };
  const root: Sql = new Proxy(client, {
    get(base, prop) {
      if (prop === GUARDED) return true;
      if (prop === 'unsafe') return unsafe;
      if (prop === 'begin') return begin;
      if (prop === 'reserve') return reserveGuarded;
      return Reflect.get(base, prop);
    },
  });
  return root;
}
