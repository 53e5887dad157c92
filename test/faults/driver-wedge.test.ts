import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

const run = promisify(execFile);
const child = fileURLToPath(new URL('./driver-wedge-child.ts', import.meta.url));
const driverVersion = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/postgres/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;

let server: ThrowawayPostgres;
beforeAll(async () => {
  server = await startThrowawayPostgres();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

/** Runs the child (4 in-transaction kills on a pool of 4, then 6 reads) and returns its report. */
async function wedge(mode: 'guarded' | 'unguarded') {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, server.url, mode], {
    timeout: 60_000,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as { uncaught: number; hung: number; reads: number };
}

describe('postgres.js and backends killed inside transactions', () => {
  it.runIf(driverVersion === '3.4.9')(
    'unguarded, postgres.js 3.4.9 throws uncaught and wedges the pool (the upstream defect)',
    async () => {
      const report = await wedge('unguarded');
      expect(report.uncaught).toBeGreaterThanOrEqual(1);
      expect(report.hung).toBeGreaterThanOrEqual(1);
    },
    60_000,
  );

  it('through createDatabase: nothing escapes and every later read answers', async () => {
    expect(await wedge('guarded')).toEqual({ uncaught: 0, hung: 0, reads: 6 });
  }, 60_000);
});
