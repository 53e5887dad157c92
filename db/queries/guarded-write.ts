import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { InvalidInputError, NotFoundError, translateDbError } from '../errors.ts';
import { defineList, type ListOptions } from './define.ts';

/**
 * Builds a write whose WHERE the authorization layer extends with a guard (`options.where`): the
 * compiled filter of the write's action, a compare-and-set on the value it read, or both. The guard
 * is ANDed into the statement that writes, so the check holds for the row version written; a row
 * the guard excludes is left alone and reported like a missing one (`NotFoundError`).
 */
export function defineGuardedWrite<S extends z.ZodType, R>(
  schema: S,
  run: (input: z.output<S>, guard: SQL | undefined) => Promise<R>,
): (input: z.input<S>, options?: ListOptions) => Promise<R> {
  return defineList(schema, run);
}

/**
 * Runs an insert whose parent id column is set from a guarded subquery (NULL when the parent row
 * fails the guard or does not exist): the resulting NOT NULL violation on `column` becomes
 * `NotFoundError(entity)`, the answer for a missing parent; any other error is translated as usual.
 */
export async function insertUnderGuardedParent<T>(
  column: string,
  entity: string,
  insert: () => Promise<T>,
): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    const typed = translateDbError(error);
    if (typed instanceof InvalidInputError && typed.field === column) {
      throw new NotFoundError(entity, { cause: error });
    }
    throw typed;
  }
}
