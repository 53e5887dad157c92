import { AsyncLocalStorage } from 'node:async_hooks';
import { inputSchema } from './define.ts';

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
 * A read that runs on the replica, or on the primary inside `runOnPrimary`; it keeps the
 * primary method's input schema and arity (arity 2 marks the methods that take `where`).
 */
export function routedRead(primary: Method, replica: Method): Method {
  const call = (input: unknown, options?: object) =>
    (onPrimaryNow() ? primary : replica)(input, options);
  const routed: Method =
    primary.length === 2
      ? (input: unknown, options?: object) => call(input, options)
      : (input: unknown, ...[options]: [object?]) => call(input, options);
  const schema = (primary as { [inputSchema]?: unknown })[inputSchema];
  if (schema !== undefined) Object.defineProperty(routed, inputSchema, { value: schema });
  return routed;
}
