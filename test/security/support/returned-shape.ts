/** The shape of a method's result as the returned-columns table pins it. */
export type ReturnedShape = readonly string[] | 'undefined' | 'number' | 'null';

/** True for a plain record (not an array, Buffer, Date or other class instance). */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The sorted top-level keys of a result (of every row for a list, which must all agree), or
 * `'undefined'`, `'number'` or `'null'` for a result without keys.
 */
export function returnedShape(value: unknown): ReturnedShape {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return 'number';
  if (Array.isArray(value)) {
    if (value.length === 0) throw new Error('an empty list has no row to read the keys of');
    const shapes = new Set(value.map((row) => JSON.stringify(returnedShape(row))));
    if (shapes.size !== 1) throw new Error(`rows of one list differ in keys: ${[...shapes]}`);
    return returnedShape(value[0]);
  }
  if (isRecord(value)) return Object.keys(value).sort();
  throw new Error(`a result that is neither a row, a list, a number nor nothing: ${String(value)}`);
}

/** Every key at any depth of a result (inside records and arrays), to find secret keys nested in rows. */
export function keysAtAnyDepth(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keysAtAnyDepth(item, into);
  } else if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) {
      into.add(key);
      keysAtAnyDepth(inner, into);
    }
  }
  return into;
}
