/**
 * CLI: `npx tsx scripts/postgres/serve.ts` resolves a PostgreSQL server like the tests do, prints
 * its URL on stdout, and keeps it until Ctrl-C (or SIGTERM), then stops what it started.
 */
import { resolvePostgres } from './resolve-postgres.ts';

const server = await resolvePostgres({ log: (line) => console.error(line) });
console.log(server.url);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
// Keep the process alive until a signal arrives.
setInterval(() => {}, 1 << 30);
