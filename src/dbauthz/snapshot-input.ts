import { types } from 'node:util';
import { InvalidInputError } from '../../db/errors.ts';
import { isPlainObject } from '../../db/queries/bounds.ts';

/** How deep a snapshot copies; an input nested deeper is refused (no raw query nests this far). */
export const SNAPSHOT_MAX_DEPTH = 64;

/** How many values (objects, array items, leaves) a snapshot copies at most. */
export const SNAPSHOT_MAX_NODES = 100_000;

function refuse(message: string): never {
  throw new InvalidInputError('', message);
}

/** Copies one value, counting what it visits in `budget`; anything but plain data is refused. */
function copy(value: unknown, depth: number, budget: { nodes: number }): unknown {
  budget.nodes += 1;
  if (budget.nodes > SNAPSHOT_MAX_NODES) refuse(`more than ${SNAPSHOT_MAX_NODES} values`);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > SNAPSHOT_MAX_DEPTH) refuse(`nested deeper than ${SNAPSHOT_MAX_DEPTH} levels`);
  // Brand checks of the engine, not prototypes: a look-alike object is refused, never trusted.
  if (types.isUint8Array(value) && Buffer.isBuffer(value)) return Buffer.copyBytesFrom(value);
  if (types.isDate(value)) return new Date(Date.prototype.getTime.call(value));
  if (Array.isArray(value)) {
    const length: unknown = value.length;
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      refuse('an array without a valid length');
    }
    if (budget.nodes + length > SNAPSHOT_MAX_NODES)
      refuse(`more than ${SNAPSHOT_MAX_NODES} values`);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) out.push(copy(value[i], depth + 1, budget));
    return out;
  }
  // A class instance (or any object with its own prototype) could answer a second read
  // differently, and no raw query takes one: refused rather than passed through.
  if (!isPlainObject(value)) refuse('only plain objects, arrays, byte arrays and dates');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy(value[key], depth + 1, budget);
  return out;
}

/**
 * A copy of an input no schema validated at the store's boundary (a method that is not a raw
 * query, such as an application's wrapper): every property read once, so the declaration that
 * checks it and the raw method that validates and runs it see the same data, whatever getters or
 * later changes the caller's object has. Bounded in depth and size; anything but plain data
 * (class instances, look-alike buffers or dates) is `invalid_input`, as is an input whose
 * properties throw when read.
 */
export function snapshotInput(input: unknown): unknown {
  try {
    return copy(input, 1, { nodes: 0 });
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError('', 'an input that cannot be read as plain data', { cause: error });
  }
}
