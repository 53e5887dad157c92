import { afterAll, beforeAll } from 'vitest';
import { type TestDatabase, useTestDatabase } from './database.ts';

/**
 * The PostgreSQL database of one test file: cloned from the migrated template before the file's
 * own `beforeAll` hooks (call this first, at the top of the file) and dropped after its tests.
 * @example const database = databaseForFile(); ... database.db
 */
export function databaseForFile(): TestDatabase {
  let current: TestDatabase | undefined;
  beforeAll(async () => {
    current = await useTestDatabase();
  });
  afterAll(() => current?.close());
  const ready = (): TestDatabase => {
    if (current === undefined) throw new Error('the test database is ready from beforeAll on');
    return current;
  };
  return {
    get url() {
      return ready().url;
    },
    get client() {
      return ready().client;
    },
    get db() {
      return ready().db;
    },
    close: () => ready().close(),
  };
}
