// What an application pays per request: a fresh subject (`buildSubject`, as a request handler
// builds it) and one authorized query, against the raw query and the query a developer would write
// by hand, for a user in 1, 10 and 100 orgs. Every variant of every size runs in ONE interleaved
// loop on one connection, so load and drift hit all alike.
import { and, asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { createDatabase } from '../db/database.ts';
import { createRawStore } from '../db/queries/index.ts';
import { workspaces } from '../db/schema/index.ts';
import { buildSubject, createAuthorizedStore } from '../src/index.ts';
import { pick, QUICK } from './lib/env.ts';
import { interleaveAsync, type Variant } from './lib/interleave.ts';
import { ratio, table, verdict } from './lib/markdown.ts';
import { createScratchDatabase } from './lib/scratch-database.ts';
import { formatNs, type Measurement } from './measure.ts';
import { insertRequestFixture, LIST_ROWS, type RequestFixture } from './request/fixture.ts';
import type { SuiteResult } from './run.ts';

const SIZES = [1, 10, 100];
const ROUNDS = { rounds: pick(1000, 50), warmup: pick(100, 10) };
const READ_GOAL = 2.0;
const LIST_GOAL = 1.5;

type Fn = () => Promise<unknown>;

/** The WHERE a developer who knows the rules would write: own, or shared with the user or a group. */
function handWrittenWhere(f: RequestFixture) {
  const grants = sql`array['read', '*']`;
  const shared = f.groupIds.map(
    (group) => sql` or (${workspaces.groupAcl} -> ${group}::text) ?| ${grants}`,
  );
  return sql`${workspaces.organizationId} = any(${sql.param(f.orgIds)}::uuid[]) and (
    ${workspaces.ownerId} = ${f.userId}
    or (${workspaces.userAcl} -> ${f.userId}::text) ?| ${grants}
    or (${workspaces.groupAcl} -> ${workspaces.organizationId}::text) ?| ${grants}${sql.join(shared)})`;
}

/** The four variants of one size: raw read, request read, hand-written list, request list. */
function variantsOf(
  db: ReturnType<typeof createDatabase>,
  raw: ReturnType<typeof createRawStore>,
  store: ReturnType<typeof createAuthorizedStore>,
  f: RequestFixture,
): Variant<Fn>[] {
  const requestStore = async () => store.as(await buildSubject(store, f.userId));
  return [
    { name: `raw read ${f.orgs}`, fn: () => raw.getWorkspaceById({ id: f.workspaceId }) },
    {
      name: `request read ${f.orgs}`,
      fn: async () => (await requestStore()).getWorkspaceById({ id: f.workspaceId }),
    },
    {
      name: `hand list ${f.orgs}`,
      fn: () =>
        db
          .select()
          .from(workspaces)
          .where(and(eq(workspaces.deleted, false), handWrittenWhere(f)))
          .orderBy(asc(workspaces.name), asc(workspaces.id))
          .limit(50),
    },
    {
      name: `request list ${f.orgs}`,
      fn: async () => (await requestStore()).listWorkspaces({ limit: 50 }),
    },
  ];
}

/** Statements each variant sends, counted through the client's debug hook on one call. */
async function countStatements(variants: readonly Variant<Fn>[], counter: { n: number }) {
  const counts: number[] = [];
  for (const v of variants) {
    counter.n = 0;
    await v.fn();
    counts.push(counter.n);
  }
  return counts;
}

/** Runs the request suite on a scratch database. */
export default async function requestBench(): Promise<SuiteResult> {
  const scratch = await createScratchDatabase('request');
  const counter = { n: 0 };
  const client = postgres(scratch.url, {
    max: 1,
    onnotice: () => {},
    debug: () => {
      counter.n++;
    },
  });
  const admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
  try {
    const db = createDatabase(client);
    const raw = createRawStore(db);
    const store = createAuthorizedStore(raw);
    const fixtures: RequestFixture[] = [];
    for (const size of SIZES) fixtures.push(await insertRequestFixture(raw, admin, size));
    const bySize = fixtures.map((f) => variantsOf(db, raw, store, f));
    for (const [i, [, , hand, request]] of bySize.entries()) {
      const want = ((await hand!.fn()) as { id: string }[]).map((r) => r.id);
      const got = ((await request!.fn()) as { id: string }[]).map((r) => r.id);
      if (want.length !== 50 || JSON.stringify(want) !== JSON.stringify(got)) {
        throw new Error(`request bench: lists differ at ${SIZES[i]} orgs`);
      }
    }
    const statements: number[][] = [];
    for (const v of bySize) statements.push(await countStatements(v, counter));
    const measured = await interleaveAsync(bySize.flat(), ROUNDS);
    const results = SIZES.map((orgs, s) => {
      const [rawRead, read, hand, list] = measured.slice(s * 4, s * 4 + 4) as Measurement[];
      return { orgs, rawRead, read, hand, list, statements: statements[s]! };
    });
    const cell = (m: Measurement) => `${formatNs(m.medianNs)} / ${formatNs(m.p99Ns)}`;
    const rows = results.map((r) => {
      const readRatio = r.read!.medianNs / r.rawRead!.medianNs;
      const listRatio = r.list!.medianNs / r.hand!.medianNs;
      return [
        `${r.orgs}`,
        `${r.statements[1]} / ${r.statements[3]}`,
        cell(r.rawRead!),
        cell(r.read!),
        verdict(readRatio <= READ_GOAL, ratio(readRatio)),
        cell(r.hand!),
        cell(r.list!),
        verdict(listRatio <= LIST_GOAL, ratio(listRatio)),
      ];
    });
    const markdown = [
      `PostgreSQL ${scratch.server.version} (${scratch.server.source}), one connection. A request = \`buildSubject\` for the user (a fresh subject, as a handler builds it) + one authorized call. The user is a member of N orgs with one explicit group in each; the list reads 50 of ${LIST_ROWS.toLocaleString('en-US')} workspaces of its first org (1% its own), \`ORDER BY name, id\`. All ${SIZES.length * 4} variants interleaved round by round: ${ROUNDS.rounds} rounds after ${ROUNDS.warmup} warm-up rounds.${QUICK ? ' **BENCH_QUICK run.**' : ''}`,
      '',
      table(
        [
          'orgs',
          'statements per request (read / list)',
          'raw read median / p99',
          'request read median / p99',
          `read goal <= ${READ_GOAL}x`,
          'hand-written list median / p99',
          'request list median / p99',
          `list goal <= ${LIST_GOAL}x`,
        ],
        rows,
      ),
    ].join('\n');
    return {
      title: 'request: a fresh subject and one query, against the raw and hand-written query',
      markdown,
      data: { server: scratch.server, rounds: ROUNDS, results },
    };
  } finally {
    await client.end({ timeout: 5 });
    await admin.end({ timeout: 5 });
    await scratch.drop();
  }
}
