import type { TxOptions } from '../../db/run-transaction.ts';

export type { TxOptions } from '../../db/run-transaction.ts';

/** A raw store whose `inTx` takes the transaction options (isolation, readOnly, timeoutMs, signal, retries). */
export interface TransactionalStore<S> {
  inTx<T>(fn: (tx: S) => Promise<T>, options?: TxOptions): Promise<T>;
}

/**
 * Runs `fn` in one transaction of the raw store `raw` with `options`, for the authorized store's
 * `inTx`: the raw store retries 40001/40P01 (default 3 times, jittered backoff) by running `fn`
 * again on a fresh transaction, so `fn` must bind a new authorized store to each `tx` it gets.
 *
 * @example
 * runInTransaction(core.raw, (tx) => fn(bind({ ...core, raw: tx }, actor)), options)
 */
export function runInTransaction<S extends TransactionalStore<S>, T>(
  raw: S,
  fn: (tx: S) => Promise<T>,
  options?: TxOptions,
): Promise<T> {
  return options === undefined ? raw.inTx(fn) : raw.inTx(fn, options);
}
