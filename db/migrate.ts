// `npm run db:migrate`: applies db/migrations to DATABASE_URL with drizzle's postgres-js migrator.
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as runMigrations } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

/** The folder holding drizzle-kit's committed migrations. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every pending migration in `db/migrations` to the database at `url`, then disconnects. */
export async function migrate(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await runMigrations(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await client.end();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('db:migrate: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/app');
    process.exit(1);
  }
  await migrate(url);
  console.log('db:migrate: up to date');
}
