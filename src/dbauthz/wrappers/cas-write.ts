import { SerializationFailureError } from '../../../db/errors.ts';
import { hasErrorCode } from '../../rbac/errors.ts';
import type { FilterResult } from '../../sql/filter-result.ts';
import type { RawCall } from './declaration.ts';
import { filterOptions } from './filter-options.ts';

/**
 * Runs a compare-and-set write whose row the call has just read and checked: the guard (the
 * actor's filter and the value read) rides in the statement. A row it no longer matches changed
 * between the read and the write: `SerializationFailureError` (`serialization_failure`,
 * retryable), and nothing was written. A guard that matches nothing cannot happen after an allowed
 * read, so it is treated the same way.
 */
export async function casWrite<I, R>(
  guard: FilterResult,
  call: RawCall<I, R>,
  input: I,
): Promise<R> {
  if (guard.kind === 'none') throw new SerializationFailureError('40001');
  try {
    return await call(input, filterOptions(guard));
  } catch (error) {
    if (!hasErrorCode(error, 'not_found')) throw error;
    throw new SerializationFailureError('40001', { cause: error });
  }
}
