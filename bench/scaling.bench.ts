// Past one machine: requests per second of 1, 2 and 4 app processes against one database, how
// long after a revoke commits every process refuses, and how far a streaming replica lags under a
// write load. Processes are real Node processes (test/scaling/app-worker.ts); the replica is a hot
// standby of a throwaway primary (test/support/streaming-replica.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { createDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { createRawStore, type RawStore } from '../db/queries/index.ts';
import { type AppProcessReport, startAppProcess } from '../test/scaling/app-process.ts';
import { startReplicaPair } from '../test/support/streaming-replica.ts';
import { pick, QUICK } from './lib/env.ts';
import { table } from './lib/markdown.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';
import type { SuiteResult } from './run.ts';

const PROCESSES = [1, 2, 4];
const WINDOW_MS = pick(3_000, 500);
const LAG_LOAD_MS = pick(3_000, 500);

interface World {
  readonly url: string;
  readonly raw: RawStore;
  readonly orgId: string;
  readonly userId: string;
  readonly workspaceId: string;
}

async function seed(url: string, raw: RawStore): Promise<World> {
  const org = await raw.insertOrganization({ name: 'acme' });
  const user = await raw.insertUser({ email: 'alice@example.com', username: 'alice' });
  const owner = await raw.insertUser({ email: 'olga@example.com', username: 'olga' });
  await raw.insertOrganizationMember({ organizationId: org.id, userId: user.id });
  await raw.insertOrganizationMember({ organizationId: org.id, userId: owner.id });
  const template = await raw.insertTemplate({
    organizationId: org.id,
    name: 't',
    createdBy: owner.id,
  });
  const workspace = await raw.insertWorkspace({
    ownerId: user.id,
    organizationId: org.id,
    templateId: template.id,
    name: 'w',
  });
  return { url, raw, orgId: org.id, userId: user.id, workspaceId: workspace.id };
}

/** Requests per second of `n` processes over the window (requests that ended inside it). */
async function throughput(world: World, n: number) {
  const processes = Array.from({ length: n }, () =>
    startAppProcess(world.url, world.userId, world.workspaceId),
  );
  await Promise.all(processes.map((p) => p.ready));
  const from = Date.now();
  await sleep(WINDOW_MS);
  const to = Date.now();
  const reports = await Promise.all(processes.map((p) => p.stop()));
  const served = reports
    .flatMap((r) => r.requests)
    .filter((r) => r.startedAt >= from && r.endedAt <= to).length;
  return (served / (to - from)) * 1000;
}

/** Milliseconds from a revoke's commit until each of 4 processes has refused a request. */
async function propagation(world: World) {
  const processes = Array.from({ length: 4 }, () =>
    startAppProcess(world.url, world.userId, world.workspaceId),
  );
  await Promise.all(processes.map((p) => p.ready));
  await sleep(200);
  await world.raw.deleteOrganizationMember({ organizationId: world.orgId, userId: world.userId });
  const committedAt = Date.now();
  await sleep(500);
  const reports: AppProcessReport[] = await Promise.all(processes.map((p) => p.stop()));
  const firstRefusal = reports.map(
    (r) => r.requests.find((q) => !q.allowed)?.endedAt ?? Number.NaN,
  );
  const allowedAfter = reports
    .flatMap((r) => r.requests)
    .filter((q) => q.startedAt > committedAt && q.allowed).length;
  return { worstMs: Math.max(...firstRefusal.map((t) => t - committedAt)), allowedAfter };
}

/** Replay lag of a hot standby sampled every 20 ms while the primary takes small writes. */
async function replicaLag() {
  const pair = await startReplicaPair();
  try {
    await migrate(pair.primary.url);
    // Writers commit synchronously (the throwaway server defaults to synchronous_commit=off, whose
    // WAL reaches the standby only on the WAL writer's 200 ms cycle).
    const primary = postgres(pair.primary.url, {
      max: 4,
      onnotice: () => {},
      connection: { synchronous_commit: 'on' },
    });
    const standby = postgres(pair.standby.url, { max: 1, onnotice: () => {} });
    try {
      const raw = createRawStore(createDatabase(primary));
      await pair.caughtUp();
      let writing = true;
      let n = 0;
      const writers = Array.from({ length: 4 }, async () => {
        while (writing) {
          const name = `lag${n++}`;
          await raw.insertUser({ email: `${name}@example.com`, username: name });
        }
      });
      const samples: number[] = [];
      const until = Date.now() + LAG_LOAD_MS;
      while (Date.now() < until) {
        const [p] =
          await primary`SELECT pg_current_wal_insert_lsn()::text AS lsn, clock_timestamp() AS at`;
        for (;;) {
          const [s] =
            await standby`SELECT pg_last_wal_replay_lsn() >= ${String(p?.lsn)}::pg_lsn AS done`;
          if (s?.done === true) break;
          await sleep(1);
        }
        samples.push(Date.now() - new Date(p?.at as string).getTime());
        await sleep(20);
      }
      writing = false;
      await Promise.all(writers);
      samples.sort((a, b) => a - b);
      return {
        writes: n,
        medianMs: samples[Math.floor(samples.length / 2)] ?? Number.NaN,
        maxMs: samples.at(-1) ?? Number.NaN,
        samples: samples.length,
      };
    } finally {
      await primary.end({ timeout: 1 });
      await standby.end({ timeout: 1 });
    }
  } finally {
    await pair.dispose();
  }
}

/** Runs the scaling suite. */
export default async function scalingBench(): Promise<SuiteResult> {
  const scratch = await createScratchDatabase('scaling');
  const client = postgres(scratch.url, { max: 2, onnotice: () => {} });
  try {
    const world = await seed(scratch.url, createRawStore(createDatabase(client)));
    const rates: number[] = [];
    for (const n of PROCESSES) rates.push(await throughput(world, n));
    const revoke = await propagation(world);
    const lag = await replicaLag();
    const markdown = [
      `PostgreSQL ${scratch.server.version} (${scratch.server.source}). Each app process is a separate Node process with its own pool of 2; a request = \`buildSubject\` + one authorized point read, back to back. Window ${WINDOW_MS} ms per row.${QUICK ? ' **BENCH_QUICK run.**' : ''}`,
      '',
      table(
        ['app processes', 'requests/s (all processes)', 'vs 1 process'],
        PROCESSES.map((n, i) => [
          `${n}`,
          rates[i]!.toFixed(0),
          `${(rates[i]! / rates[0]!).toFixed(2)}x`,
        ]),
      ),
      '',
      `Revoke (membership removed by another process) seen by all 4 processes within ${revoke.worstMs} ms of its commit (one request in flight: nothing is cached); requests allowed after the commit: ${revoke.allowedAfter}.`,
      '',
      `Streaming replica (hot standby on the same machine) under ${lag.writes.toLocaleString('en-US')} inserts by 4 writers in ${LAG_LOAD_MS} ms: replay lag median ${lag.medianMs} ms, max ${lag.maxMs} ms (${lag.samples} samples: from reading the primary's WAL position to the standby having replayed it; writers commit synchronously on the primary, the standby is asynchronous).`,
    ].join('\n');
    return {
      title: 'scaling: app processes, revoke propagation, replica lag',
      markdown,
      data: { server: scratch.server, processes: PROCESSES, requestsPerSecond: rates, revoke, lag },
    };
  } finally {
    await client.end({ timeout: 5 });
    await scratch.drop();
  }
}
