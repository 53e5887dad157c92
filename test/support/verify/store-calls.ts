import type { AuthorizedStore } from '../../../src/dbauthz/authorized-store.ts';

type AnyMethod = (input: unknown, options?: unknown) => Promise<unknown>;

/** Calls the store method `name` by name, on the store (so its actor binding holds). */
export function callStore(store: AuthorizedStore, name: string, input: unknown): Promise<unknown> {
  const method = (store as unknown as Record<string, AnyMethod>)[name];
  if (typeof method !== 'function') throw new Error(`the store has no method ${name}`);
  return method.call(store, input);
}
