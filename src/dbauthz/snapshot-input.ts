import { InvalidInputError } from '../../db/errors.ts';
import { isPlainObject } from '../../db/queries/bounds.ts';

/** How deep a snapshot copies; an input nested deeper is refused (no raw query nests this far). */
export const SNAPSHOT_MAX_DEPTH = 64;

function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > SNAPSHOT_MAX_DEPTH) {
    throw new InvalidInputError('', `nested deeper than ${SNAPSHOT_MAX_DEPTH} levels`);
  }
  if (Buffer.isBuffer(value)) return Buffer.copyBytesFrom(value);
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) {
    const length = Number(value.length);
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) out.push(copy(value[i], depth + 1));
    return out;
  }
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy(value[key], depth + 1);
  return out;
}

/**
 * A copy of an input no schema validated at the store's boundary (a method that is not a raw
 * query, such as an application's wrapper): every property read once, so the declaration that
 * checks it and the raw method that validates and runs it see the same data, whatever getters or
 * later changes the caller's object has.
 */
export function snapshotInput(input: unknown): unknown {
  return copy(input, 1);
}
