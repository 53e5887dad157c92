import { types } from 'node:util';
import { z } from 'zod';

/**
 * The bound of every string, byte array, array and JSON field of the raw store's inputs (db/README.md
 * "Input bounds" lists them with the fields they apply to; a test keeps that table equal to this).
 * Names follow Coder's limits where Coder has one (display names 64, real names 128, descriptions
 * 128); names get 64 where Coder allows 32, leaving room for generated suffixes. Strings count
 * UTF-16 code units (`string.length`), byte arrays and JSON count bytes.
 */
export const BOUNDS = {
  /** Names and lookup keys: users, orgs, groups, templates, versions, workspaces, roles, ... */
  NAME_MAX: 64,
  /** Display names of groups, organizations, templates and custom roles (Coder: 64). */
  DISPLAY_NAME_MAX: 64,
  /** A user's real name (Coder: 128). */
  USER_REAL_NAME_MAX: 128,
  /** Descriptions of templates, organizations and user secrets (Coder: 128 for templates). */
  DESCRIPTION_MAX: 128,
  /** Short codes and labels: IP, HTTP method, build reason, versions, architecture, OS, ... */
  SHORT_TEXT_MAX: 64,
  /** One line of free text: search, schedules, audit targets, rules, user agents, tag values. */
  LINE_MAX: 1024,
  /** Avatar and icon URLs. */
  URL_MAX: 2048,
  /** An e-mail address (RFC 5321 path limit). */
  EMAIL_MAX: 320,
  /** File system paths and multi-line messages. */
  PATH_MAX: 4096,
  /** A request URL in a boundary log. */
  LOG_URL_MAX: 8192,
  /** Long text: a job's error, a secret's value. */
  LONG_TEXT_MAX: 65_536,
  /** A template version's README. */
  README_MAX: 1_048_576,
  /** Role names in one role list (site roles, org member roles, default org roles). */
  ROLES_MAX: 64,
  /** Scopes of one API key. */
  SCOPES_MAX: 64,
  /** Entries of one API key's allow list. */
  ALLOW_LIST_MAX: 128,
  /** Permissions of one custom role set (site, org, user, member). */
  PERMISSIONS_MAX: 512,
  /** Provisioner types a job or daemon names. */
  PROVISIONERS_MAX: 16,
  /** Tags of one provisioner daemon. */
  TAGS_MAX: 64,
  /** Users or groups in one ACL. */
  ACL_ENTRIES_MAX: 1024,
  /** Actions granted to one ACL entry. */
  ACL_ACTIONS_MAX: 32,
  /** Items of one batch: boundary logs per call, custom role lookups per call. */
  BATCH_MAX: 1000,
  /** An API key's hashed secret (a SHA-256 digest is 32). */
  HASHED_SECRET_MAX_BYTES: 64,
  /** A build's provisioner state. */
  PROVISIONER_STATE_MAX_BYTES: 67_108_864,
  /** A file's data, unless `createRawStore(db, { maxFileBytes })` says otherwise. */
  DEFAULT_MAX_FILE_BYTES: 10_485_760,
  /** Nesting of a JSON field (job input, audit diff); the top-level object is depth 1. */
  JSON_MAX_DEPTH: 32,
  /** A JSON field's size as JSON text, in UTF-8 bytes. */
  JSON_MAX_BYTES: 262_144,
  /** A duration in milliseconds (template dormancy TTLs): at most ten years, never negative. */
  DURATION_MAX_MS: 315_360_000_000,
  /** Integers stored in `integer` columns (quota allowance, exit code, build number): -2^31..2^31-1. */
  INT32_MAX: 2_147_483_647,
} as const;

/** The name of one bound in `BOUNDS`. */
export type BoundName = keyof typeof BOUNDS;

/** A string of at most `BOUNDS[bound]` characters, with no NUL (refused before any query). */
export const text = (bound: BoundName) =>
  z
    .string()
    .max(BOUNDS[bound])
    .regex(/^[^\0]*$/, 'must not contain a NUL character (PostgreSQL text cannot hold one)');

/**
 * A valid date, parsed to a copy taken from the date's own time value: a caller changing its own
 * `Date` after the call began changes nothing written.
 */
export const date = () =>
  z.preprocess(
    // A real Date (the engine's brand check) becomes a copy; a look-alike (an object with Date's
    // prototype) an invalid date, refused by `z.date()` as invalid_input rather than a TypeError.
    (value) =>
      types.isDate(value)
        ? new Date(Date.prototype.getTime.call(value))
        : value instanceof Date
          ? new Date(Number.NaN)
          : value,
    z.date(),
  );

/** An integer a PostgreSQL `integer` column holds (-2^31..2^31-1), so it overflows no column. */
export const int32 = () =>
  z
    .number()
    .int()
    .min(-BOUNDS.INT32_MAX - 1)
    .max(BOUNDS.INT32_MAX);

/** A non-negative whole number of milliseconds up to `DURATION_MAX_MS` (0 means off). */
export const durationMs = () => z.number().int().min(0).max(BOUNDS.DURATION_MAX_MS);

// The engine's own length of a typed array, which an own `length` or `byteLength` property of the
// caller's object cannot fake.
const typedArrayByteLength = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype),
  'byteLength',
)?.get as (this: unknown) => number;

/**
 * A byte array (Buffer) of at most `maxBytes` bytes, measured by the engine's own length before
 * anything reads it. The parsed value is a copy: a caller changing its own buffer (or faking its
 * `length`) after the call began changes nothing written.
 */
export const bytes = (maxBytes: number) =>
  z
    .custom<Buffer>(
      (value) => types.isUint8Array(value) && Buffer.isBuffer(value),
      'must be a Buffer',
    )
    .refine(
      (b) => types.isUint8Array(b) && typedArrayByteLength.call(b) <= maxBytes,
      `at most ${maxBytes} bytes`,
    )
    .transform((b) => Buffer.copyBytesFrom(b));

/**
 * A JSON object of at most `JSON_MAX_DEPTH` levels and `JSON_MAX_BYTES` bytes as JSON text. The
 * parsed value is a copy built while it is measured (each property read once), so what was
 * checked is what is written, whatever the caller's object does (getters, later changes).
 */
export const jsonObject = () =>
  z
    .record(z.string(), z.unknown())
    .superRefine((value, ctx) => {
      const problem = jsonProblem(value, BOUNDS.JSON_MAX_DEPTH, BOUNDS.JSON_MAX_BYTES);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    // The copy is measured again as it is built: what a getter answers the second time is what
    // gets written, and it is bounded too.
    .transform((value, ctx) => {
      const copied = copyJson(value, BOUNDS.JSON_MAX_DEPTH, BOUNDS.JSON_MAX_BYTES);
      if (copied.problem === undefined) return copied.value as Record<string, unknown>;
      ctx.addIssue({ code: 'custom', message: copied.problem, input: value });
      return z.NEVER;
    });

/** Whether `value` is a plain object (an object literal, or one with no prototype). */
export function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Why `value` is not a JSON value within `maxDepth` levels and `maxBytes` bytes of JSON text, or
 * `undefined` when it is.
 */
export function jsonProblem(
  value: unknown,
  maxDepth: number,
  maxBytes: number,
): string | undefined {
  return copyJson(value, maxDepth, maxBytes).problem;
}

/** A JSON copy of a value, or why it is not one. */
export type JsonCopy =
  | { readonly value: unknown; readonly problem?: undefined }
  | { readonly problem: string };

/**
 * Copies `value` as JSON data (plain objects, arrays, strings, finite numbers, booleans, null),
 * refusing it past `maxDepth` levels or `maxBytes` bytes of JSON text. Each property is read once
 * and the copy holds what was read and measured. Iterative, never recursive: a 20,000-deep value
 * is refused, not a stack overflow; every visited node adds at least one byte, so the walk ends
 * after at most `maxBytes` nodes, shared references (and cycles) included.
 */
export function copyJson(value: unknown, maxDepth: number, maxBytes: number): JsonCopy {
  try {
    return walkCopy(value, maxDepth, maxBytes);
  } catch {
    // A getter or a Proxy trap that throws: not JSON data (invalid_input, never a TypeError).
    return { problem: 'not a JSON value (a property could not be read)' };
  }
}

function walkCopy(value: unknown, maxDepth: number, maxBytes: number): JsonCopy {
  const root: { value?: unknown } = {};
  const stack: Array<[unknown, number, (copy: unknown) => void]> = [
    [value, 1, (copy) => (root.value = copy)],
  ];
  const tooLarge = { problem: `larger than ${maxBytes} bytes as JSON` };
  let size = 0;
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [node, depth, put] = next;
    if (depth > maxDepth) return { problem: `nested deeper than ${maxDepth} levels` };
    if (node === null || node === undefined || typeof node === 'boolean') {
      size += node === false ? 5 : 4; // undefined in an array is written as null
      put(node ?? null);
    } else if (typeof node === 'number') {
      if (!Number.isFinite(node)) return { problem: 'not a JSON value (a non-finite number)' };
      size += String(node).length;
      put(node);
    } else if (typeof node === 'string') {
      if (node.length > maxBytes) return tooLarge;
      size += Buffer.byteLength(JSON.stringify(node));
      put(node);
    } else if (Array.isArray(node)) {
      const declared: unknown = node.length;
      const length = typeof declared === 'number' ? declared : Number.NaN;
      if (!Number.isSafeInteger(length) || length < 0 || length > maxBytes) return tooLarge;
      size += 2 + Math.max(0, length - 1);
      if (size > maxBytes) return tooLarge;
      const copy: unknown[] = new Array(length).fill(null);
      put(copy);
      for (let i = 0; i < length; i++) {
        const item: unknown = node[i];
        stack.push([item, depth + 1, (c) => (copy[i] = c)]);
      }
    } else if (typeof node === 'object' && isPlainObject(node)) {
      const copy: Record<string, unknown> = {};
      put(copy);
      const entries: Array<[string, unknown]> = [];
      for (const key of Object.keys(node)) {
        const item = node[key]; // read once: the copy holds exactly what is measured
        if (item !== undefined) entries.push([key, item]);
      }
      size += 2 + Math.max(0, entries.length - 1);
      for (const [key, item] of entries) {
        size += Buffer.byteLength(JSON.stringify(key)) + 1;
        if (size > maxBytes) return tooLarge;
        stack.push([item, depth + 1, (c) => (copy[key] = c)]);
      }
    } else {
      return { problem: 'not a JSON value' };
    }
    if (size > maxBytes) return tooLarge;
  }
  return { value: root.value };
}
