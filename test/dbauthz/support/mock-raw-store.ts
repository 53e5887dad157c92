import { vi } from 'vitest';
import type { z } from 'zod';
import { asRawQuery } from '../../../db/queries/define.ts';
import type { RawStore } from '../../../db/queries/index.ts';

/** One call that reached the mocked raw store. */
export interface RawCall {
  readonly method: string;
  readonly input: unknown;
  readonly options: unknown;
}

/** A raw store whose every method is a spy answering a canned value (an Error rejects). */
export interface MockRawStore {
  readonly store: RawStore;
  /** Every call, in order, transactions included. */
  readonly calls: RawCall[];
  /** How many times `inTx` ran. */
  readonly transactions: () => number;
}

/**
 * Builds the mock over `names`; `answers[method]` is what that method resolves to (or rejects with).
 * With `schemas[method]` the method is a raw query over that schema, so the authorized store
 * validates inputs exactly as over the real raw store.
 */
export function createMockRawStore(
  names: readonly string[],
  answers: Readonly<Record<string, unknown>> = {},
  schemas: Readonly<Record<string, z.ZodType>> = {},
): MockRawStore {
  const calls: RawCall[] = [];
  let transactions = 0;
  const store: Record<string, unknown> = {};
  for (const method of names) {
    const spy = vi.fn(async (input: unknown, options?: unknown) => {
      calls.push({ method, input, options });
      const answer = answers[method];
      if (answer instanceof Error) throw answer;
      return answer;
    });
    const schema = schemas[method];
    // With a schema, a raw query value as `defineQuery` builds: the call parses, `run` does not.
    store[method] =
      schema === undefined
        ? spy
        : asRawQuery(
            async (input: unknown, options?: unknown) => spy(schema.parse(input), options),
            { input: schema, kind: 'query' },
            spy,
          );
  }
  store.inTx = vi.fn(async (fn: (tx: unknown) => Promise<unknown>) => {
    transactions += 1;
    return fn(store);
  });
  return { store: store as unknown as RawStore, calls, transactions: () => transactions };
}
