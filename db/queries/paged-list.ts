import { count as countRows, type SQL } from 'drizzle-orm';
import type { PgTable, PgView } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Database } from '../database.ts';
import { defineList, paging } from './define.ts';

/** What `definePagedList` needs: the source, its list filter, that filter's WHERE and the row order. */
export interface PagedListSpec<
  Shape extends z.core.$ZodShape,
  Config extends z.core.$ZodObjectConfig,
  T extends PgTable | PgView,
> {
  readonly db: Database;
  /** The table or view both methods read whole rows from (and `options.where` refers to). */
  readonly table: T;
  /** The count method's input schema; the list method's is this extended with `paging`. */
  readonly filter: z.ZodObject<Shape, Config>;
  /** The WHERE for a parsed input and the caller's extra condition (combine them with `allOf`). */
  readonly where: (
    input: z.output<z.ZodObject<Shape, Config>>,
    extra: SQL | undefined,
  ) => SQL | undefined;
  /** ORDER BY terms of the list; end with a unique column so pages are stable. */
  readonly orderBy: readonly SQL[];
}

/** Builds the paged `list` (whole rows, `filter` + `paging`) and its `count` over the same WHERE. */
export function definePagedList<
  Shape extends z.core.$ZodShape,
  Config extends z.core.$ZodObjectConfig,
  T extends PgTable | PgView,
>(spec: PagedListSpec<Shape, Config, T>) {
  const { db, table, filter, where, orderBy } = spec;
  return {
    list: defineList(filter.extend(paging), async (input, extra): Promise<T['$inferSelect'][]> => {
      // Generic `extend` types leave the paging fields opaque here; zod has parsed them all the same.
      const page = input as { limit: number; offset: number };
      return (await db
        .select()
        .from(table as PgTable)
        .where(where(input as z.output<z.ZodObject<Shape, Config>>, extra))
        .orderBy(...orderBy)
        .limit(page.limit)
        .offset(page.offset)) as T['$inferSelect'][];
    }),
    count: defineList(filter, async (input, extra): Promise<number> => {
      const [row] = await db
        .select({ n: countRows() })
        .from(table as PgTable)
        .where(where(input, extra));
      return row?.n ?? 0;
    }),
  };
}
