import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { declarations } from '../../src/dbauthz/methods/index.ts';
import { createSubject, type Subject } from '../../src/rbac/index.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  allowed,
  capturedSql,
  checkSubject,
  type DifferentialContext,
  expectedRows,
  formatCase,
  shrinkSubject,
} from '../support/verify/differential.ts';
import { insertLogRows } from '../support/verify/insert-log-rows.ts';
import { insertWorld } from '../support/verify/insert-world.ts';
import { Random } from '../support/verify/random.ts';
import { randomSubject } from '../support/verify/random-subject.ts';
import { runPool } from '../support/verify/run-pool.ts';
import { callStore } from '../support/verify/store-calls.ts';
import { type SeededWorld, verifiedTables } from '../support/verify/verified-tables.ts';
import { verifyConfig } from '../support/verify/verify-config.ts';
import { planWorld, type WorldPlan } from '../support/verify/world-plan.ts';

// The authorized store's SQL-filtered lists return exactly the rows the in-memory `authorize`
// allows to read, for hundreds of random subjects over hostile rows on real PostgreSQL, with exact
// counts and paging. A failure prints a shrunk, reproducible case.

const config = verifyConfig();

/** Lists declared with exactly the filter of a verified one (same type and column map). */
const sameFilterAs = new Map([
  // filteredList('read', 'template', templateColumns), as listTemplates; its rows need file-linked versions.
  ['listTemplatesUsingFile', 'listTemplates'],
]);
const declaredKind = (name: string) =>
  (declarations as Record<string, { kind: string } | undefined>)[name]?.kind;

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let world: WorldPlan;
let seeded: SeededWorld;
let subjects: Subject[];

beforeAll(async () => {
  world = planWorld(new Random(config.seed).fork(1), config.rowsPerTable);
  await insertWorld(database.db, world);
  const logs = await insertLogRows(
    database.db,
    world,
    new Random(config.seed).fork(3),
    config.rowsPerTable,
  );
  seeded = { world, logs };
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  const random = new Random(config.seed).fork(2);
  subjects = Array.from({ length: config.subjects }, () => randomSubject(random, world));
});

describe('every SQL-filtered list of the authorized store agrees with authorize', () => {
  it('verifies every list and count the store declares (a new filtered list needs a spec here)', () => {
    const covered = new Set([
      ...verifiedTables.flatMap((t) => [t.list, t.count]),
      ...sameFilterAs.keys(),
    ]);
    const filtered = Object.keys(declarations).filter((name) => {
      const kind = declaredKind(name);
      return kind === 'list' || kind === 'count';
    });
    expect(filtered.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('subjects that hold nothing (no roles, empty scope, empty allow list) get no rows and 0 from every list', async () => {
    const id = world.users[0]!.id;
    const groups = [world.groups[0]!.id, world.orgs[0]!.id];
    const nothing = [
      createSubject({ id, roles: [], groups }),
      createSubject({ id, roles: ['owner'], groups, scope: { scopes: [] } }),
      createSubject({
        id,
        roles: ['owner'],
        groups,
        scope: { scopes: ['coder:all'], allowList: [] },
      }),
    ];
    const leaks: string[] = [];
    for (const table of verifiedTables.filter((t) => declaredKind(t.list) === 'list')) {
      for (const input of table.inputs(world)) {
        for (const subject of nothing) {
          const rows = (await callStore(store.as(subject), table.list, input)) as unknown[];
          const count = table.count ? await callStore(store.as(subject), table.count, input) : 0;
          if (rows.length > 0 || count !== 0)
            leaks.push(`${table.list} ${JSON.stringify(subject.scope)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  for (const table of verifiedTables) {
    const declared = declaredKind(table.list) === 'list';
    it.skipIf(!declared)(
      `${table.table}: ${table.list}${table.count ? ` / ${table.count}` : ''} for every subject (list, count, paging${table.get ? `, ${table.get.method}` : ''})`,
      async () => {
        // The ground truth is what was inserted, not what the raw list returns: a raw query that
        // lost a filter (say, deleted = false) must show up here as rows nobody should see.
        const rows = expectedRows(table, seeded);
        const context: DifferentialContext = { raw, store, world, rows };
        const pairs = rows.flatMap(({ input, rows: listed }) =>
          listed.map((row) => ({ input, row })),
        );
        expect(pairs.length).toBeGreaterThanOrEqual(config.rowsPerTable);

        const results = await runPool(subjects, config.concurrency, (subject, index) =>
          checkSubject(context, table, subject, new Random(config.seed).fork(10_000 + index), {
            getters: index < config.getterSubjects,
          }),
        );
        const failing = results.findIndex((m) => m.length > 0);
        if (failing >= 0) {
          const mismatch = results[failing]![0]!;
          const minimal = await shrinkSubject(context, table, subjects[failing]!, mismatch);
          const sql = await capturedSql(raw, table, minimal, mismatch.input);
          expect.fail(
            formatCase({
              world,
              seed: config.seed,
              index: failing,
              table,
              subject: minimal,
              mismatch,
              sql,
            }),
          );
        }

        // Not vacuous: the subjects see different, non-trivial slices of the table.
        const visible = subjects.map(
          (s) => pairs.filter(({ input, row }) => allowed(context, table, s, row, input)).length,
        );
        const seeNone = visible.filter((n) => n === 0).length;
        const seeAll = visible.filter((n) => n === pairs.length).length;
        const seeSome = subjects.length - seeNone - seeAll;
        console.info(
          `[verify] ${table.table}: ${subjects.length} subjects x ${pairs.length} rows (${rows.length} inputs), ` +
            `${visible.reduce((a, b) => a + b, 0)} allowed pairs; ${seeNone} see none, ${seeSome} some, ${seeAll} all`,
        );
        const allowedPairs = visible.reduce((a, b) => a + b, 0);
        expect(allowedPairs).toBeGreaterThan(0);
        expect(allowedPairs).toBeLessThan(subjects.length * pairs.length);
        expect(seeNone).toBeGreaterThan(0);
      },
      900_000,
    );
  }
});
