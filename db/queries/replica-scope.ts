import { AsyncLocalStorage } from 'node:async_hooks';
import { asRawQuery, rawQueryOf } from './define.ts';

const primaryScope = new AsyncLocalStorage<true>();

/** Runs `fn` with every read of a store with a replica sent to the primary (writes always are). */
export function runOnPrimary<T>(fn: () => T): T {
  return primaryScope.run(true, fn);
}

/** Whether the current async scope asked for the primary (`runOnPrimary`). */
export function onPrimaryNow(): boolean {
  return primaryScope.getStore() === true;
}

type Method = (input: unknown, options?: object) => Promise<unknown>;

/**
 * A read that runs on the replica, or on the primary inside `runOnPrimary`; a raw query stays a
 * raw query (its `run` is routed the same way).
 */
export function routedRead(primary: Method, replica: Method): Method {
  const call = (input: unknown, options?: object) =>
    (onPrimaryNow() ? primary : replica)(input, options);
  const onPrimary = rawQueryOf(primary);
  const onReplica = rawQueryOf(replica);
  if (onPrimary === undefined || onReplica === undefined) return call;
  return asRawQuery(call, onPrimary, (parsed, options) =>
    (onPrimaryNow() ? onPrimary : onReplica).run(parsed, options),
  );
}
