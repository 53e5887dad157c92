import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../db/database.ts';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

/** What `useStore` fills in before the file's tests run. */
export interface StoreContext {
  test: TestDatabase;
  db: Database;
  store: RawStore;
}

/** Gives the test file its own migrated database and a raw store over it (closed afterwards). */
export function useStore(): StoreContext {
  const ctx = {} as StoreContext;
  beforeAll(async () => {
    ctx.test = await useTestDatabase();
    ctx.db = ctx.test.db;
    ctx.store = createRawStore(ctx.test.db);
  });
  afterAll(async () => {
    await ctx.test?.close();
  });
  return ctx;
}
