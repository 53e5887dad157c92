import { and, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { type CallBounds, runBounded } from '../bounded-call.ts';
import { InvalidInputError, NotFoundError, translateDbError } from '../errors.ts';
import { BOUNDS, text } from './bounds.ts';

/**
 * The second argument of every store method: `signal` and `timeoutMs` bound the call (the query
 * and the wait for a connection; `CancelledError` / `TimeoutError`, nothing written); list, count
 * and guarded write methods also take `where`.
 */
export interface ListOptions extends CallBounds {
  /** Pushed in by the authorization layer; refers to the columns of the method's filter table. */
  readonly where?: SQL | undefined;
}

/** Validates `input` against `schema`, raising `InvalidInputError` naming the first bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // An unknown field is named by its own key (its issue's path is the object holding it).
  const path = issue?.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue?.path;
  const field = path ? path.map(String).join('.') : '';
  throw new InvalidInputError(field, issue?.message ?? 'invalid input', { cause: result.error });
}

/** Which second argument a raw query takes: call bounds only, or bounds plus the authorization `where`. */
export type RawQueryKind = 'query' | 'list';

/**
 * A raw query as a value: callable as a store method (validate, run, translate errors), and
 * carrying what built it. `input` is the zod schema it validates with; `run` takes a value that
 * schema already produced (no second parse: the authorized store validates once at its boundary
 * and calls `run`); `kind` tells whether it takes the authorization `where` (lists, counts and
 * guarded writes).
 */
export type RawQuery<In, Out, R, Options> = ((input: In, options?: Options) => Promise<R>) & {
  readonly input: z.ZodType<Out, In>;
  readonly run: (parsed: Out, options?: Options) => Promise<R>;
  readonly kind: RawQueryKind;
};

// Every raw query `defineQuery`, `defineList` or `asRawQuery` built: the only values whose `run` is
// trusted. A Proxy around one, or a function copying its fields, is not one of them (its own
// code, say an application's wrapper, must run on every call).
const builtQueries = new WeakSet<object>();
// The input schemas of those raw queries: the only schemas a wrapper may carry over and have used.
const builtInputs = new WeakSet<object>();

/** The raw query behind a store method, when it is one this module built (else `undefined`). */
export function rawQueryOf(
  method: unknown,
): RawQuery<unknown, unknown, unknown, ListOptions> | undefined {
  if (typeof method !== 'function' || !builtQueries.has(method)) return undefined;
  return method as RawQuery<unknown, unknown, unknown, ListOptions>;
}

/**
 * The input schema a store method declares: a raw query's, or the one a wrapper carries over from
 * the raw query it wraps (only a schema of a raw query this module built counts: a wrapper's own
 * `z.any()` would validate nothing); `undefined` otherwise.
 */
export function declaredInputOf(method: unknown): z.ZodType | undefined {
  const query = rawQueryOf(method);
  if (query !== undefined) return query.input;
  if (typeof method !== 'function') return undefined;
  const input = (method as { input?: unknown }).input;
  return input instanceof z.ZodType && builtInputs.has(input) ? input : undefined;
}

/** The input schema of a store method built by `defineQuery` / `defineList`, else `undefined`. */
export function inputSchemaOf(method: unknown): z.ZodType | undefined {
  return rawQueryOf(method)?.input;
}

/**
 * Gives `call` the raw query fields of `query` with `run` replaced: what a wrapper around a raw
 * query (a default timeout, replica routing) returns, so it stays a raw query.
 */
export function asRawQuery<In, Out, R, Options>(
  call: (input: In, options?: Options) => Promise<R>,
  query: Pick<RawQuery<In, Out, R, Options>, 'input' | 'kind'>,
  run: (parsed: Out, options?: Options) => Promise<R>,
): RawQuery<In, Out, R, Options> {
  const built = Object.assign(call, { input: query.input, run, kind: query.kind });
  builtQueries.add(built);
  builtInputs.add(query.input);
  return built;
}

/**
 * The schema a store method validates with: an object schema refuses fields it does not know
 * (`invalid_input` naming the field), so a misspelt filter (`ownerID`) is an error, never a
 * silently unfiltered list.
 */
function strictInput<S extends z.ZodType>(schema: S): S {
  return (schema instanceof z.ZodObject ? schema.strict() : schema) as S;
}

/** Builds a store method: validate the one input object, run, and translate driver errors. */
export function defineQuery<S extends z.ZodType, R>(
  looseSchema: S,
  run: (input: z.output<S>) => Promise<R>,
): RawQuery<z.input<S>, z.output<S>, R, CallBounds> {
  const schema = strictInput(looseSchema);
  const runParsed = async (parsed: z.output<S>, bounds?: CallBounds) => {
    try {
      return bounds === undefined ? await run(parsed) : await runBounded(bounds, () => run(parsed));
    } catch (error) {
      throw translateDbError(error);
    }
  };
  const call = async (input: z.input<S>, bounds?: CallBounds) =>
    runParsed(parseInput(schema, input), bounds);
  return asRawQuery(
    call,
    { input: schema as z.ZodType<z.output<S>, z.input<S>>, kind: 'query' },
    runParsed,
  );
}

/** Builds a list or count method: as `defineQuery`, plus the caller's extra WHERE condition. */
export function defineList<S extends z.ZodType, R>(
  looseSchema: S,
  run: (input: z.output<S>, where: SQL | undefined) => Promise<R>,
): RawQuery<z.input<S>, z.output<S>, R, ListOptions> {
  const schema = strictInput(looseSchema);
  const runParsed = async (parsed: z.output<S>, options?: ListOptions) => {
    try {
      if (options === undefined) return await run(parsed, undefined);
      return await runBounded(options, () => run(parsed, options.where));
    } catch (error) {
      throw translateDbError(error);
    }
  };
  const call = async (input: z.input<S>, options?: ListOptions) =>
    runParsed(parseInput(schema, input), options);
  return asRawQuery(
    call,
    { input: schema as z.ZodType<z.output<S>, z.input<S>>, kind: 'list' },
    runParsed,
  );
}

/** ANDs the present conditions; `undefined` only when there are none (never calls `and()` empty). */
export function allOf(...conditions: Array<SQL | undefined>): SQL | undefined {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return and(...present);
}

/** The first row, or `NotFoundError` for `entity` when there is none. */
export function firstOrThrow<T>(rows: readonly T[], entity: string): T {
  const row = rows[0];
  if (row === undefined) throw new NotFoundError(entity);
  return row;
}

/** Memoizes a factory, so prepared statements are built on first use, once per database. */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/** A uuid as PostgreSQL accepts it (any 8-4-4-4-12 hex string). */
export const id = () => z.guid();

/** Paging fields shared by list inputs: `limit` 1..1000 (default 50), `offset` >= 0 (default 0). */
export const paging = {
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
};

/** An ACL map: user or group id -> non-empty action names (`ACL_ENTRIES_MAX` x `ACL_ACTIONS_MAX`). */
export const aclSchema = z
  .record(z.guid(), z.array(text('NAME_MAX').min(1)).max(BOUNDS.ACL_ACTIONS_MAX))
  .refine((acl) => Object.keys(acl).length <= BOUNDS.ACL_ENTRIES_MAX, {
    message: `at most ${BOUNDS.ACL_ENTRIES_MAX} entries`,
  });

/** A role name list (org or site roles), deduplicated on the way in. */
export const roleNames = z
  .array(text('NAME_MAX').min(1))
  .max(BOUNDS.ROLES_MAX)
  .transform((roles) => [...new Set(roles)]);

/** The empty-object input of methods that need no arguments. */
export const noInput = z.object({}).strict();

/** An update patch: every column optional, `undefined` meaning "leave as is" (drizzle skips it). */
export type Patch<T> = { [K in keyof T]?: T[K] | undefined };
