import { AsyncLocalStorage } from 'node:async_hooks';
import { OuterStoreInTransactionError } from './errors.ts';

// The root clients whose transaction callback the current async scope is inside, innermost last.
const open = new AsyncLocalStorage<readonly object[]>();

/** Runs `fn` marked as inside a transaction of the database whose root client is `root`. */
export function runInTransactionScope<T>(root: object, fn: () => T): T {
  return open.run([...(open.getStore() ?? []), root], fn);
}

/**
 * Raises `OuterStoreInTransactionError` when the non-transaction client `root` is used inside one
 * of its own transactions: it would wait for a connection the transaction holds (a deadlock with a
 * pool of one) or write outside the transaction (escaping its rollback).
 */
export function assertOutsideOwnTransaction(root: object): void {
  if (open.getStore()?.includes(root)) throw new OuterStoreInTransactionError();
}

/**
 * Runs `fn` as if outside every transaction, for work that deliberately runs beside an open
 * transaction on its own connection (e.g. a test holding a lock while another session waits).
 */
export function runOutsideTransaction<T>(fn: () => T): T {
  return open.exit(fn);
}
