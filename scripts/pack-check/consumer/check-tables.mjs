// After `dbauthz migrate`: the library's tables and journal exist, the app's table and journal are intact.
import { strict as assert } from 'node:assert';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL, { max: 1, onnotice: () => {} });
try {
  const [found] = await sql`SELECT to_regclass('public.users') AS users,
    to_regclass('public.workspaces') AS workspaces, to_regclass('public.app_invoices') AS app,
    to_regclass('dbauthz.__dbauthz_migrations') AS journal`;
  assert.deepEqual(
    { ...found },
    {
      users: 'users',
      workspaces: 'workspaces',
      app: 'app_invoices',
      journal: 'dbauthz.__dbauthz_migrations',
    },
  );
  const app = await sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`;
  assert.equal(app[0].n, 1, "the app's own journal changed");
  console.log('cli: library tables present beside the app table; app journal untouched');
} finally {
  await sql.end();
}
