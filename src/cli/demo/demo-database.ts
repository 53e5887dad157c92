import postgres from 'postgres';

/** A fresh database on a server, for one demo run. */
export interface DemoDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** Its name (`dbauthz_demo_<time>_<random>`). */
  readonly name: string;
  /** Drops it (the demo's connections must be closed first). */
  drop(): Promise<void>;
}

/** The same server URL pointing at database `name`. */
function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates an empty database on the server at `serverUrl`, so a demo never writes into an existing
 * one (a `DATABASE_URL` may point at real data). The name is generated, so it needs no quoting.
 */
export async function createDemoDatabase(serverUrl: string): Promise<DemoDatabase> {
  const name = `dbauthz_demo_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(serverUrl, name),
    name,
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await sql.end();
      }
    },
  };
}
