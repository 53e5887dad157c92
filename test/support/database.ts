import postgres from 'postgres';
import { inject } from 'vitest';
import { createDatabase, type Database } from '../../db/database.ts';
import { cloneDatabase } from './postgres/clone-database.ts';
import { databaseUrl } from './postgres/database-url.ts';
import { dropDatabase } from './postgres/drop-databases.ts';
import { cloneName } from './postgres/test-database-names.ts';

/** A private database for one test file, cloned from the migrated template. */
export interface TestDatabase {
  /** Connection URL of this database. */
  readonly url: string;
  /** Raw `postgres` client on this database (up to 4 connections). */
  readonly client: postgres.Sql;
  /** Drizzle database over `client`, knowing the domain schema. */
  readonly db: Database;
  /** Ends the client and drops the database. */
  close(): Promise<void>;
}

/**
 * Creates a fresh database from this run's migrated template and connects to it; call `close()`
 * in `afterAll` (the global teardown drops any database a file forgot).
 */
export async function useTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('databaseUrl');
  const template = inject('templateDatabase');
  const prefix = inject('testDatabasePrefix');
  if (!serverUrl || !template || !prefix) {
    throw new Error(
      'useTestDatabase() needs the vitest global setup test/support/global-setup.ts (see vitest.config.ts)',
    );
  }
  const name = cloneName(prefix);
  await cloneDatabase(serverUrl, template, name);
  const url = databaseUrl(serverUrl, name);
  const client = postgres(url, { max: 4, onnotice: () => {} });
  let closed: Promise<void> | undefined;
  return {
    url,
    client,
    db: createDatabase(client),
    close() {
      closed ??= (async () => {
        await client.end({ timeout: 5 });
        await dropDatabase(serverUrl, name);
      })();
      return closed;
    },
  };
}
