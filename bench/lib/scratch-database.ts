// A throwaway, migrated database for one benchmark suite on the resolved PostgreSQL server.
import postgres from 'postgres';
import { migrate } from '../../db/migrate.ts';
import { resolvePostgres } from '../../scripts/postgres/resolve-postgres.ts';

/** A migrated scratch database; `drop()` removes it and stops a server the suite started. */
export interface ScratchDatabase {
  readonly url: string;
  /** Where the server came from (`DATABASE_URL` or `embedded`) and its version string. */
  readonly server: { readonly source: string; readonly version: string };
  drop(): Promise<void>;
}

/** Creates and migrates `dbauthz_bench_<suite>_<pid>` on DATABASE_URL's server, else an embedded one. */
export async function createScratchDatabase(suite: string): Promise<ScratchDatabase> {
  const server = await resolvePostgres({ sources: ['DATABASE_URL', 'embedded'] });
  const name = `dbauthz_bench_${suite}_${process.pid}`;
  const admin = postgres(server.url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const [row] = await admin<
      { version: string }[]
    >`SELECT current_setting('server_version') AS version`;
    const url = new URL(server.url);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    return {
      url: url.toString(),
      server: { source: server.source, version: row?.version ?? 'unknown' },
      drop: async () => {
        try {
          await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await admin.end();
          await server.stop();
        }
      },
    };
  } catch (error) {
    await admin.end();
    await server.stop();
    throw error;
  }
}
