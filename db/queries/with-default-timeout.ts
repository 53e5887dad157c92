import { inputSchema } from './define.ts';

type Method = (input: unknown, options?: { timeoutMs?: number | undefined }) => Promise<unknown>;

/**
 * Gives every method of `queries` a default `timeoutMs` (a caller's own `timeoutMs` wins), keeping
 * each method's input schema and arity (arity 2 marks the methods that take `where`).
 */
export function withDefaultTimeout<Q extends object>(queries: Q, timeoutMs: number): Q {
  const bounded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(queries)) {
    const method = value as Method;
    const call = (input: unknown, options?: object) =>
      method(input, { timeoutMs, ...(options ?? {}) });
    const wrapped =
      method.length === 2
        ? (input: unknown, options?: object) => call(input, options)
        : (input: unknown, ...[options]: [object?]) => call(input, options);
    const schema = (method as { [inputSchema]?: unknown })[inputSchema];
    if (schema !== undefined) Object.defineProperty(wrapped, inputSchema, { value: schema });
    bounded[name] = wrapped;
  }
  return bounded as Q;
}
