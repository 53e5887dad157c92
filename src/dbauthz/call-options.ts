import { InvalidInputError } from '../../db/errors.ts';

/**
 * The second argument of every authorized store method: how long the call may take and how to
 * cancel it. It carries no SQL: every filter a caller needs is a field of the method's input.
 */
export interface CallOptions {
  /** Aborting it cancels the call (the query and the wait for a connection). */
  readonly signal?: AbortSignal | undefined;
  /** The call fails with a `timeout` error after this many milliseconds. */
  readonly timeoutMs?: number | undefined;
}

/** The longest per-call timeout accepted (one hour); longer waits are a wiring mistake. */
export const MAX_CALL_TIMEOUT_MS = 3_600_000;

const KEYS: ReadonlySet<string> = new Set(['signal', 'timeoutMs']);

/**
 * Validates a caller's call options at run time, whatever their static type said: anything but
 * `signal` and `timeoutMs` (a `where` SQL fragment above all) is `InvalidInputError` naming the
 * key, raised before any check or query. Returns `undefined` when no option is set.
 */
export function parseCallOptions(options: unknown): CallOptions | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidInputError('options', 'must be an object of { signal, timeoutMs }');
  }
  const keys = Reflect.ownKeys(options);
  const unknown = keys.find((key) => typeof key !== 'string' || !KEYS.has(key));
  if (unknown !== undefined) {
    throw new InvalidInputError(
      `options.${String(unknown)}`,
      'not a call option (the authorized store takes no SQL from its caller; filter with the input fields)',
    );
  }
  const { signal, timeoutMs } = options as Record<string, unknown>;
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw new InvalidInputError('options.signal', 'must be an AbortSignal');
  }
  if (
    timeoutMs !== undefined &&
    (typeof timeoutMs !== 'number' ||
      !Number.isInteger(timeoutMs) ||
      timeoutMs < 1 ||
      timeoutMs > MAX_CALL_TIMEOUT_MS)
  ) {
    throw new InvalidInputError(
      'options.timeoutMs',
      `must be an integer in 1..${MAX_CALL_TIMEOUT_MS}`,
    );
  }
  if (signal === undefined && timeoutMs === undefined) return undefined;
  return Object.freeze({
    ...(signal === undefined ? {} : { signal }),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}
