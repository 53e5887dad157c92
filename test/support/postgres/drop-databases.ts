import type postgres from 'postgres';
import { quoteIdentifier } from './quote-identifier.ts';
import { withServerClient } from './with-server-client.ts';

/** Drops database `name` if it exists, disconnecting whoever is still on it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withServerClient(serverUrl, (sql) => dropOne(sql, name));
}

/**
 * Drops the template and every database whose name starts with `clonePrefix`: the only databases
 * a test run created, so a shared server keeps everything else.
 */
export async function dropRunDatabases(
  serverUrl: string,
  template: string,
  clonePrefix: string,
): Promise<string[]> {
  return withServerClient(serverUrl, async (sql) => {
    const rows = await sql<{ datname: string }[]>`
      SELECT datname FROM pg_database
      WHERE left(datname, ${clonePrefix.length}) = ${clonePrefix} OR datname = ${template}
      ORDER BY datname = ${template}, datname`;
    const names = rows.map((row) => row.datname);
    for (const name of names) {
      if (name === template) {
        await sql.unsafe(`ALTER DATABASE ${quoteIdentifier(name)} WITH IS_TEMPLATE false`);
      }
      await dropOne(sql, name);
    }
    return names;
  });
}

async function dropOne(sql: postgres.Sql, name: string): Promise<void> {
  await sql.unsafe(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
}
