import { setTimeout as sleep } from 'node:timers/promises';
import { PgTransaction, type PgTransactionConfig } from 'drizzle-orm/pg-core';
import { runBounded } from './bounded-call.ts';
import type { Database } from './database.ts';
import { InvalidInputError, SerializationFailureError, translateDbError } from './errors.ts';

/** Options of `inTx`: isolation, read-only, a deadline, cancellation and retries. */
export interface TxOptions {
  /** PostgreSQL isolation level; default the server's (`read committed`). Outermost transaction only. */
  readonly isolation?: 'read committed' | 'repeatable read' | 'serializable' | undefined;
  /** `true` opens a READ ONLY transaction: any write in it fails. Outermost transaction only. */
  readonly readOnly?: boolean | undefined;
  /** Milliseconds the whole transaction may take, retries and the wait for a connection included. */
  readonly timeoutMs?: number | undefined;
  /** Aborting it cancels the transaction: it rolls back and the caller gets `CancelledError`. */
  readonly signal?: AbortSignal | undefined;
  /** How many times a serialization failure or deadlock (40001, 40P01) is retried; default 3. */
  readonly retries?: number | undefined;
}

/** Retries of a serialization failure or deadlock when `inTx` is not told otherwise (as Coder's InTx). */
export const DEFAULT_TX_RETRIES = 3;

/** Base and cap of the retry backoff: attempt n waits a random time in [0, min(cap, base * 2^n)). */
const BACKOFF_BASE_MS = 20;
const BACKOFF_CAP_MS = 500;

function configOf(options: TxOptions): PgTransactionConfig | undefined {
  const { isolation, readOnly } = options;
  if (isolation === undefined && readOnly === undefined) return undefined;
  return {
    ...(isolation === undefined ? {} : { isolationLevel: isolation }),
    ...(readOnly === undefined ? {} : { accessMode: readOnly ? 'read only' : 'read write' }),
  };
}

const ISOLATIONS: ReadonlySet<unknown> = new Set([
  'read committed',
  'repeatable read',
  'serializable',
]);
const OPTION_KEYS: ReadonlySet<string> = new Set([
  'isolation',
  'readOnly',
  'timeoutMs',
  'signal',
  'retries',
]);

/**
 * Validates transaction options whatever their static type said: only the known keys, an
 * isolation level from the fixed list (it is written into `SET TRANSACTION`, so nothing else may
 * ever reach it), booleans and numbers of the right kind; else `InvalidInputError`, before BEGIN.
 */
function checkOptions(options: TxOptions, nested: boolean): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidInputError('options', 'must be an object');
  }
  const unknown = Reflect.ownKeys(options).find(
    (key) => typeof key !== 'string' || !OPTION_KEYS.has(key),
  );
  if (unknown !== undefined) {
    throw new InvalidInputError(`options.${String(unknown)}`, 'not a transaction option');
  }
  if (options.isolation !== undefined && !ISOLATIONS.has(options.isolation)) {
    throw new InvalidInputError('isolation', `must be one of ${[...ISOLATIONS].join(', ')}`);
  }
  if (options.readOnly !== undefined && typeof options.readOnly !== 'boolean') {
    throw new InvalidInputError('readOnly', 'must be a boolean');
  }
  if (
    options.timeoutMs !== undefined &&
    !(options.timeoutMs >= 1 && options.timeoutMs <= 3_600_000)
  ) {
    throw new InvalidInputError('timeoutMs', 'must be from 1 to 3600000 (one hour)');
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) {
    throw new InvalidInputError('signal', 'must be an AbortSignal');
  }
  const { retries } = options;
  if (retries !== undefined && (!Number.isInteger(retries) || retries < 0 || retries > 100)) {
    throw new InvalidInputError('retries', 'must be an integer from 0 to 100');
  }
  if (nested && (options.isolation !== undefined || options.readOnly !== undefined)) {
    const field = options.isolation === undefined ? 'readOnly' : 'isolation';
    throw new InvalidInputError(field, 'only the outermost transaction sets it');
  }
}

/**
 * Runs `body` in a transaction of `db` (a SAVEPOINT when `db` already is one) with `options`:
 * committed when it resolves, rolled back when it throws. An outermost transaction that fails
 * with 40001 or 40P01 is run again, `body` included, after a jittered backoff, up to `retries`
 * times; then `SerializationFailureError`. Errors come out typed (`translateDbError`).
 */
export async function runTransaction<T>(
  db: Database,
  options: TxOptions,
  body: (tx: Database) => Promise<T>,
): Promise<T> {
  const nested = db instanceof PgTransaction;
  checkOptions(options, nested);
  const config = configOf(options);
  const retries = nested ? 0 : (options.retries ?? DEFAULT_TX_RETRIES);
  const bounds = { signal: options.signal, timeoutMs: options.timeoutMs };
  try {
    return await runBounded(bounds, async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          return await db.transaction(body, config);
        } catch (error) {
          const typed = translateDbError(error);
          if (!(typed instanceof SerializationFailureError) || attempt >= retries) throw typed;
          const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
          await sleep(Math.random() * ceiling);
        }
      }
    });
  } catch (error) {
    throw translateDbError(error);
  }
}
