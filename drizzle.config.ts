import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads the schema barrel and writes SQL migrations into db/migrations (committed,
// never hand-edited). `npm run db:generate` needs no database; `db:migrate` uses db/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  strict: true,
});
