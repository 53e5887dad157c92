// Point lookup through the raw store (zod + drizzle prepared statement + row mapping) against the
// same SELECT as a raw `postgres` tagged template on the same connection, in the same run.
import postgres from 'postgres';
import { createDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createRawStore } from '../db/queries/index.ts';
import { formatNs } from './measure.ts';
import type { SuiteResult } from './run.ts';

/** The server to create the scratch database on: DATABASE_URL, else local PostgreSQL. */
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SAMPLES = 5000;
const WARMUP = 500;

interface Stats {
  medianNs: number;
  p99Ns: number;
}

function stats(ns: number[]): Stats {
  const sorted = [...ns].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { medianNs: at(0.5), p99Ns: at(0.99) };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start);
}

/** Times `a` and `b` alternately (order swapped every pair) so drift and load hit both alike. */
async function interleaved(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    let ta: number;
    let tb: number;
    if (i % 2 === 0) {
      ta = await time(a);
      tb = await time(b);
    } else {
      tb = await time(b);
      ta = await time(a);
    }
    if (i >= WARMUP) {
      as.push(ta);
      bs.push(tb);
    }
  }
  return { a: stats(as), b: stats(bs) };
}

/** Runs the db suite on a fresh scratch database, dropped afterwards. */
export default async function run(): Promise<SuiteResult> {
  const name = `dbauthz_bench_${process.pid}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // One connection, shared by both paths, so neither gets extra parallelism.
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await migrate(url.toString());
    const store = createRawStore(createDatabase(client));
    const { id } = await store.insertUser({ email: 'bench@example.com', username: 'bench' });
    const viaStore = () => store.getUserById({ id });
    const viaRaw = () => client`SELECT * FROM users WHERE id = ${id}`;
    if ((await viaStore()).id !== (await viaRaw())[0]?.id) {
      throw new Error('db bench: the two paths disagree on the row');
    }
    const { a: storeStats, b: rawStats } = await interleaved(viaStore, viaRaw);
    const ratio = storeStats.medianNs / rawStats.medianNs;
    const markdown = [
      `Point lookup of a user by id on one connection; the two calls alternate sample by sample (${SAMPLES} pairs after ${WARMUP} warm-up pairs).`,
      '',
      '| path | median | p99 |',
      '| --- | --- | --- |',
      `| raw store \`getUserById\` (zod + prepared drizzle query + mapping) | ${formatNs(storeStats.medianNs)} | ${formatNs(storeStats.p99Ns)} |`,
      `| raw \`postgres\` tagged template | ${formatNs(rawStats.medianNs)} | ${formatNs(rawStats.p99Ns)} |`,
      '',
      `Ratio of medians: **${ratio.toFixed(2)}x** (target <= 1.2x).`,
    ].join('\n');
    return {
      title: 'db: raw store point lookup vs raw postgres',
      markdown,
      data: { store: storeStats, raw: rawStats, ratio },
    };
  } finally {
    await client.end();
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name}`);
    await admin.end();
  }
}
