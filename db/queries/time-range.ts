import { gte, lt, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { date } from './bounds.ts';
import { allOf } from './define.ts';

/** Optional `since` (inclusive) and `until` (exclusive) bounds of a log list. */
export const timeRange = { since: date().optional(), until: date().optional() };

/** The WHERE part for a `timeRange` over `column`, or `undefined` when neither bound is set. */
export function timeRangeWhere(
  column: PgColumn,
  range: { since?: Date | undefined; until?: Date | undefined },
): SQL | undefined {
  return allOf(
    range.since === undefined ? undefined : gte(column, range.since),
    range.until === undefined ? undefined : lt(column, range.until),
  );
}
