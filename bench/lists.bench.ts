// Lists on PostgreSQL at 10k / 100k / 1M workspaces, ~1% visible to a plain member: the
// authorized SQL-filtered list against a hand-written WHERE, fetch-all-then-authorize, and RLS.
import postgres from 'postgres';
import { createDatabase } from '../db/database.ts';
import { createRawStore } from '../db/queries/index.ts';
import { createAuthorizedStore } from '../src/index.ts';
import { benchSizes, pick, QUICK } from './lib/env.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';
import { type Captured, capture } from './lists/explain.ts';
import { measureSize, type SizeResult } from './lists/measure-size.ts';
import { filterRatio, goalLines, planLines, resultsTable } from './lists/report.ts';
import { setUpRls } from './lists/rls.ts';
import { listSubject, seedBase } from './lists/seed.ts';
import { listVariants } from './lists/variants.ts';
import type { SuiteResult } from './run.ts';

/** Post-filtering fetches every row; above this size it would take minutes, so it is skipped. */
const POST_FILTER_MAX = 200_000;

function roundsFor(rows: number) {
  if (QUICK) return { rounds: 8, warmup: 2 };
  if (rows <= 20_000) return { rounds: 60, warmup: 5 };
  if (rows <= 200_000) return { rounds: 15, warmup: 2 };
  return { rounds: 5, warmup: 1 };
}

/** Runs the lists suite on a scratch database. */
export default async function listsBench(): Promise<SuiteResult> {
  const sizes = benchSizes(pick([10_000, 100_000, 1_000_000], [10_000]));
  const scratch = await createScratchDatabase('lists');
  const mainCaptured: Captured = { query: '', parameters: [] };
  const rlsCaptured: Captured = { query: '', parameters: [] };
  const main = postgres(scratch.url, { max: 1, onnotice: () => {}, debug: capture(mainCaptured) });
  let rls: Awaited<ReturnType<typeof setUpRls>> | undefined;
  try {
    await seedBase(main);
    rls = await setUpRls(main, scratch.url, listSubject, capture(rlsCaptured));
    const db = createDatabase(main);
    const store = createAuthorizedStore(createRawStore(db));
    const variants = listVariants(db, store, createDatabase(rls.client));
    const results: SizeResult[] = [];
    for (const rows of sizes) {
      console.log(`lists: ${rows} rows ...`);
      const chosen = variants.filter((v) => v.key !== 'postFilter' || rows <= POST_FILTER_MAX);
      results.push(
        await measureSize(
          {
            main: { sql: main, captured: mainCaptured },
            rls: { sql: rls.client, captured: rlsCaptured },
          },
          rows,
          chosen,
          roundsFor(rows),
        ),
      );
    }
    const markdown = [
      `PostgreSQL ${scratch.server.version} (${scratch.server.source}). Subject: a member of 1 of 10 orgs with one group; 1% of the rows are visible to it (own, shared by user ACL, shared by group ACL), ~0.1% are soft-deleted, 1% dormant, ~3% carry unrelated ACL entries. Each list is \`ORDER BY name, id LIMIT 50\` over live rows; variants run interleaved round by round on their own connection. Post-filtering is skipped above ${POST_FILTER_MAX.toLocaleString('en-US')} rows (it fetches every row).${QUICK ? ' **BENCH_QUICK run.**' : ''}`,
      '',
      resultsTable(results),
      '',
      'Goals:',
      '',
      ...goalLines(results),
      '',
      'Plans (`EXPLAIN (FORMAT JSON)` of the statement each variant sent, with its parameters):',
      '',
      ...planLines(results),
      '',
      `RLS policy: \`${rls.policy}\`, on a NOLOGIN role with \`FORCE ROW LEVEL SECURITY\`; the settings are set once per session.`,
    ].join('\n');
    return {
      title: 'lists: SQL-filtered list vs hand-written WHERE vs post-filter vs RLS',
      markdown,
      data: {
        server: scratch.server,
        rlsPolicy: rls.policy,
        sizes: results,
        goals: { filterRatios: results.map((s) => ({ rows: s.rows, ratio: filterRatio(s) })) },
      },
    };
  } finally {
    await rls?.close().catch(() => {});
    await main.end();
    await scratch.drop();
  }
}
