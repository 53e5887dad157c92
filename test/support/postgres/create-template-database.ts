import postgres from 'postgres';
import { migrate } from '../../../db/migrate.ts';
import { databaseUrl } from './database-url.ts';
import { hasMigrations } from './migrations-folder.ts';
import { quoteIdentifier } from './quote-identifier.ts';
import { withServerClient } from './with-server-client.ts';

/**
 * Creates database `name`, applies `db/migrations` with the library's own `migrate` (its journal
 * `dbauthz.__dbauthz_migrations`, as an app gets it) if drizzle-kit has generated any, then marks it
 * a template that accepts no connections, so clones never meet "being accessed by other users".
 */
export async function createTemplateDatabase(serverUrl: string, name: string): Promise<void> {
  const quoted = quoteIdentifier(name);
  await withServerClient(serverUrl, async (sql) => {
    await sql.unsafe(`CREATE DATABASE ${quoted} TEMPLATE template0 ENCODING 'UTF8'`);
  });
  if (hasMigrations()) {
    const client = postgres(databaseUrl(serverUrl, name), { max: 1, onnotice: () => {} });
    try {
      await migrate(client);
    } finally {
      await client.end({ timeout: 5 });
    }
  }
  await withServerClient(serverUrl, async (sql) => {
    await sql.unsafe(`ALTER DATABASE ${quoted} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  });
}
