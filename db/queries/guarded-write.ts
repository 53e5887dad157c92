import type { SQL } from 'drizzle-orm';
import type { z } from 'zod';
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
