import { asRawQuery, rawQueryOf } from './define.ts';

type Method = (input: unknown, options?: { timeoutMs?: number | undefined }) => Promise<unknown>;

/**
 * Gives every method of `queries` a default `timeoutMs` (a caller's own `timeoutMs` wins); a raw
 * query stays a raw query (its `run` gets the default too).
 */
export function withDefaultTimeout<Q extends object>(queries: Q, timeoutMs: number): Q {
  const bounded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(queries)) {
    const method = value as Method;
    const bound = <O extends object>(options?: O) => ({ timeoutMs, ...(options ?? {}) });
    const call = (input: unknown, options?: object) => method(input, bound(options));
    const query = rawQueryOf(method);
    bounded[name] =
      query === undefined
        ? call
        : asRawQuery(call, query, (parsed, options) => query.run(parsed, bound(options)));
  }
  return bounded as Q;
}
