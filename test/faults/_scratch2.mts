import postgres from 'postgres';
import { startThrowawayPostgres } from '../support/throwaway-postgres.ts';

process.on('uncaughtException', (e) =>
  console.log('UNCAUGHT', e?.constructor?.name, String(e).slice(0, 200)),
);
process.on('unhandledRejection', (e) =>
  console.log('UNHANDLED', e?.constructor?.name, String(e).slice(0, 200)),
);
const pg = await startThrowawayPostgres();
const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
const sql = postgres(pg.url, { max: 4, onnotice: () => {} });
await sql`create table t (id int)`;
const t = (p: Promise<unknown>, ms = 8000) =>
  Promise.race([
    p.then(
      () => 'ok',
      (e) => 'err:' + (e.code ?? e.message),
    ),
    new Promise((r) => setTimeout(() => r('HANG'), ms)),
  ]);
const kill = async () => {
  for (let i = 0; i < 50; i++) {
    const r =
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where query like '%pg_sleep(3)%' and pid <> pg_backend_pid()`;
    if (r.length) return r.length;
    await new Promise((r) => setTimeout(r, 50));
  }
  return 0;
};
const mode = process.argv[2];
for (let round = 0; round < 4; round++) {
  let p: Promise<unknown>;
  if (mode === 'plain') p = sql`select pg_sleep(3)`;
  else {
    const r = await t(
      sql.reserve().then((x) => ((globalThis as any).r = x)),
      3000,
    );
    if (r !== 'ok') {
      console.log('reserve', r);
      continue;
    }
    const r2 = (globalThis as any).r;
    p = (async () => {
      await r2`begin`;
      await r2`insert into t values (2)`;
      await r2`select pg_sleep(3)`;
    })();
  }
  console.log('killed', await kill());
  console.log('round', round, await t(p));
}
const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => t(sql`select 1`)));
console.log('after', results);
await pg.dispose();
process.exit(0);
