import postgres from 'postgres';
import { inject } from 'vitest';
import { databaseUrl } from '../../support/postgres/database-url.ts';
import { dropDatabase } from '../../support/postgres/drop-databases.ts';
import { cloneName } from '../../support/postgres/test-database-names.ts';
import { withServerClient } from '../../support/postgres/with-server-client.ts';

/** An empty (unmigrated) database of this test run, for tests of `migrate` itself. */
export interface EmptyDatabase {
  readonly url: string;
  readonly client: postgres.Sql;
  /** Ends the client and drops the database. */
  close(): Promise<void>;
}

/** Creates an empty database named under the run's prefix (so the global teardown drops it too). */
export async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const serverUrl = inject('databaseUrl');
  const name = cloneName(inject('testDatabasePrefix'));
  await withServerClient(serverUrl, (sql) => sql.unsafe(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(serverUrl, name);
  const client = postgres(url, { max: 2, onnotice: () => {} });
  return {
    url,
    client,
    async close() {
      await client.end({ timeout: 5 });
      await dropDatabase(serverUrl, name);
    },
  };
}
