// The app's own drizzle migrations (drizzle's default journal), run before `dbauthz migrate`.
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

const client = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
try {
  await migrate(drizzle(client), {
    migrationsFolder: new URL('./app-migrations', import.meta.url).pathname,
  });
} finally {
  await client.end();
}
