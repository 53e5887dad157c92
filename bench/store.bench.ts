// Store overhead on PostgreSQL: the authorized store against the raw store and hand-written
// drizzle, for a point read, inserts and an update, interleaved call by call on ONE connection.
import postgres from 'postgres';
import { createDatabase } from '../db/database.ts';
import { createRawStore } from '../db/queries/index.ts';
import { createAuthorizedStore } from '../src/index.ts';
import { pick, QUICK } from './lib/env.ts';
import { interleaveAsync } from './lib/interleave.ts';
import { ratio, table, verdict } from './lib/markdown.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';
import { formatNs } from './measure.ts';
import type { SuiteResult } from './run.ts';
import { insertStoreFixture } from './store/fixture.ts';
import { storeOperations } from './store/operations.ts';

const ROUNDS = { rounds: pick(3000, 200), warmup: pick(300, 20) };
const GOAL = 1.15;

/** Runs the store suite on a scratch database. */
export default async function storeBench(): Promise<SuiteResult> {
  const scratch = await createScratchDatabase('store');
  const client = postgres(scratch.url, { max: 1, onnotice: () => {} });
  try {
    const db = createDatabase(client);
    const raw = createRawStore(db);
    const authorized = createAuthorizedStore(raw);
    const fixture = await insertStoreFixture(raw);
    const operations = storeOperations(db, raw, authorized, fixture);
    const results = [];
    for (const op of operations) {
      // Every variant must work (and return a row) before it is timed.
      for (const v of op.variants) {
        const out = await v.fn();
        if (out === undefined || (Array.isArray(out) && out.length !== 1)) {
          throw new Error(`store bench: ${op.name} / ${v.name} returned no row`);
        }
      }
      const [auth, rawM, drizzleM] = await interleaveAsync(op.variants, ROUNDS);
      const overhead = auth!.medianNs / rawM!.medianNs;
      results.push({ op, auth: auth!, raw: rawM!, drizzle: drizzleM!, overhead });
    }
    const rows = results.map(({ op, auth, raw: r, drizzle, overhead }) => [
      op.name,
      `${formatNs(auth.medianNs)} / ${formatNs(auth.p99Ns)}`,
      `${formatNs(r.medianNs)} / ${formatNs(r.p99Ns)}`,
      `${formatNs(drizzle.medianNs)} / ${formatNs(drizzle.p99Ns)}`,
      ratio(overhead),
      ratio(auth.medianNs / drizzle.medianNs),
      op.goal ? verdict(overhead <= GOAL, `+${((overhead - 1) * 100).toFixed(1)}%`) : 'no goal',
      op.authorizedDoes,
    ]);
    const markdown = [
      `PostgreSQL ${scratch.server.version} (${scratch.server.source}), one connection shared by every variant; each round calls authorized, raw and drizzle once in a rotated order. ${ROUNDS.rounds} rounds after ${ROUNDS.warmup} warm-up rounds.${QUICK ? ' **BENCH_QUICK run.**' : ''}`,
      '',
      table(
        [
          'operation',
          'authorized median / p99',
          'raw median / p99',
          'drizzle median / p99',
          'authorized / raw',
          'authorized / drizzle',
          'goal: <= +15% vs raw',
          'the authorized path',
        ],
        rows,
      ),
    ].join('\n');
    return {
      title: 'store: authorized store vs raw store vs hand-written drizzle',
      markdown,
      data: {
        server: scratch.server,
        rounds: ROUNDS,
        operations: results.map(({ op, auth, raw: r, drizzle, overhead }) => ({
          name: op.name,
          goal: op.goal ? GOAL : null,
          authorized: auth,
          raw: r,
          drizzle,
          overhead,
        })),
      },
    };
  } finally {
    await client.end();
    await scratch.drop();
  }
}
