// Child process of driver-wedge.test.ts: kills 4 backends inside drizzle transactions on a pool of
// 4, then asks 6 reads to answer within 3 s, and prints what happened as JSON. Run in its own
// process because the unguarded driver throws uncaught exceptions.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../db/database.ts';

const [url, mode] = process.argv.slice(2);
if (url === undefined || (mode !== 'guarded' && mode !== 'unguarded')) {
  throw new Error('usage: driver-wedge-child.ts <url> guarded|unguarded');
}
let uncaught = 0;
process.on('uncaughtException', () => uncaught++);
process.on('unhandledRejection', () => uncaught++);

const client = postgres(url, {
  max: 4,
  onnotice: () => {},
  connection: { application_name: mode },
});
const admin = postgres(url, { max: 1, onnotice: () => {} });
const db: Database = mode === 'guarded' ? createDatabase(client) : (drizzle(client) as never);
/** Observes `work` at once (a rejection nobody handles yet would count as escaped). */
const answered = <T>(work: Promise<T>) =>
  work.then(
    () => 'answered',
    () => 'answered',
  );
const within = (settled: Promise<string>, ms: number) =>
  Promise.race([settled, new Promise<string>((resolve) => setTimeout(() => resolve('hung'), ms))]);

for (let round = 0; round < 4; round++) {
  const tx = answered(
    db.transaction(async (t) => {
      await t.execute(sql`SELECT 1`);
      await t.execute(sql`SELECT pg_sleep(10)`);
    }),
  );
  for (let i = 0; i < 100; i++) {
    const killed = await admin`
      SELECT pg_terminate_backend(pid) FROM pg_stat_activity
      WHERE application_name = ${mode} AND query LIKE '%pg_sleep(10)%'`;
    if (killed.length > 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await within(tx, 3_000);
}
const reads = await Promise.all(
  Array.from({ length: 6 }, () => within(answered(db.execute(sql`SELECT 1`)), 3_000)),
);
console.log(
  JSON.stringify({ uncaught, hung: reads.filter((r) => r === 'hung').length, reads: reads.length }),
);
await admin.end({ timeout: 1 });
process.exit(0);
