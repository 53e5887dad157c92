import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { RawStore } from '../../../db/queries/index.ts';
import type { AuthorizedStore } from '../../../src/dbauthz/authorized-store.ts';
import { createAuthorizedStore } from '../../../src/dbauthz/authorized-store.ts';
import { authorize, createSubject, type Subject } from '../../../src/rbac/index.ts';
import type { Random } from './random.ts';
import { callStore } from './store-calls.ts';
import type { ListedRow, ListInput, SeededWorld, VerifiedTable } from './verified-tables.ts';
import type { WorldPlan } from './world-plan.ts';

/** One disagreement between the store's SQL-filtered list and the in-memory `authorize`. */
export interface Mismatch {
  readonly kind: 'row' | 'count' | 'paging' | 'getter';
  readonly input: ListInput;
  readonly row?: ListedRow;
  readonly inStore?: boolean;
  readonly authorized?: boolean;
  readonly detail?: string;
}

/** What a differential check needs: the raw and authorized stores and every seeded row, unfiltered. */
export interface DifferentialContext {
  readonly raw: RawStore;
  readonly store: AuthorizedStore;
  /** The world the rows come from. */
  readonly world: WorldPlan;
  /** Every input of the table with all the rows the seeded world holds for it (no filter). */
  readonly rows: readonly { readonly input: ListInput; readonly rows: readonly ListedRow[] }[];
}

const withLimit = (table: VerifiedTable, input: ListInput) =>
  table.paged ? { ...input, limit: 1000 } : input;

/**
 * The rows every input of `table` lists without any filter, worked out from the seeded world
 * (never read back through the raw store's lists, so they are an independent oracle for them).
 */
export function expectedRows(table: VerifiedTable, seeded: SeededWorld) {
  return table
    .inputs(seeded.world)
    .map((input) => ({ input, rows: table.expected(seeded, input) }));
}

/** Whether `authorize` lets `subject` read `row` (listed under `input`). */
export function allowed(
  context: DifferentialContext,
  table: VerifiedTable,
  subject: Subject,
  row: ListedRow,
  input: ListInput,
) {
  return authorize(subject, 'read', table.object(row, input, context.world));
}

/**
 * Compares, for one subject and every input of `table`: the list (exact rows) and the count; for
 * one input, paging windows of a random size (they must concatenate to the full list); and, when
 * asked, the point getter on every row.
 */
export async function checkSubject(
  context: DifferentialContext,
  table: VerifiedTable,
  subject: Subject,
  random: Random,
  options: { getters?: boolean } = {},
): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  const as = context.store.as(subject);
  const pagedInput = random.int(context.rows.length); // paging is walked for one input per subject
  for (const [index, { input, rows: all }] of context.rows.entries()) {
    const listed = (await callStore(as, table.list, withLimit(table, input))) as ListedRow[];
    const ids = new Set(listed.map(table.key));
    for (const row of all) {
      const authorized = allowed(context, table, subject, row, input);
      if (ids.has(table.key(row)) !== authorized) {
        mismatches.push({ kind: 'row', input, row, inStore: ids.has(table.key(row)), authorized });
      }
    }
    const known = new Set(all.map(table.key));
    for (const row of listed) {
      if (!known.has(table.key(row)))
        mismatches.push({
          kind: 'row',
          input,
          row,
          inStore: true,
          detail: 'not among the seeded rows of this input',
        });
    }
    if (table.count !== undefined) {
      const count = await callStore(as, table.count, input);
      if (count !== listed.length) {
        mismatches.push({
          kind: 'count',
          input,
          detail: `count ${String(count)} != list ${listed.length}`,
        });
      }
    }
    if (table.paged && index === pagedInput) {
      const limit = 1 + random.int(7);
      const pages: ListedRow[] = [];
      for (let offset = 0; ; offset += limit) {
        const page = (await callStore(as, table.list, { ...input, limit, offset })) as ListedRow[];
        pages.push(...page);
        if (page.length < limit || offset > all.length) break;
      }
      const got = pages.map(table.key).join(',');
      const want = listed.map(table.key).join(',');
      if (got !== want)
        mismatches.push({ kind: 'paging', input, detail: `limit ${limit}: ${got} != ${want}` });
    }
    if (options.getters && table.get !== undefined) {
      for (const row of all) {
        const visible = await callStore(as, table.get.method, table.get.input(row)).then(
          () => true,
          () => false,
        );
        if (visible !== ids.has(table.key(row))) {
          mismatches.push({
            kind: 'getter',
            input,
            row,
            inStore: ids.has(table.key(row)),
            detail: `${table.get.method} ${visible ? 'returns' : 'denies'} it`,
          });
        }
      }
    }
  }
  return mismatches;
}

/** Whether the store's list and `authorize` still disagree on `row` for `subject`. */
async function disagrees(
  context: DifferentialContext,
  table: VerifiedTable,
  subject: Subject,
  m: Mismatch,
) {
  const listed = (await callStore(
    context.store.as(subject),
    table.list,
    withLimit(table, m.input),
  )) as ListedRow[];
  const key = table.key(m.row!);
  return (
    listed.some((r) => table.key(r) === key) !== allowed(context, table, subject, m.row!, m.input)
  );
}

/**
 * Shrinks a subject while a row mismatch persists: drops roles and groups one at a time and tries
 * `coder:all` instead of its scope. Returns the smallest subject found.
 */
export async function shrinkSubject(
  context: DifferentialContext,
  table: VerifiedTable,
  subject: Subject,
  mismatch: Mismatch,
): Promise<Subject> {
  if (mismatch.row === undefined) return subject;
  let current = subject;
  for (let progress = true; progress; ) {
    progress = false;
    const candidates: Subject[] = [
      ...current.roles.map((_, i) => ({
        ...current,
        roles: current.roles.filter((__, j) => j !== i),
      })),
      ...current.groups.map((_, i) => ({
        ...current,
        groups: current.groups.filter((__, j) => j !== i),
      })),
      ...(current.scope === 'coder:all' ? [] : [{ ...current, scope: 'coder:all' }]),
    ].map((s) => createSubject(s));
    for (const candidate of candidates) {
      if (await disagrees(context, table, candidate, mismatch)) {
        current = candidate;
        progress = true;
        break;
      }
    }
  }
  return current;
}

/** The WHERE the store pushes into the raw list for `subject`, as SQL text and parameters. */
export async function capturedSql(
  raw: RawStore,
  table: VerifiedTable,
  subject: Subject,
  input: ListInput,
): Promise<{ sql: string; params: unknown[] } | string> {
  let where: SQL | undefined | 'not called' = 'not called';
  const recording = new Proxy(raw, {
    get(target, name, receiver) {
      if (name !== table.list) return Reflect.get(target, name, receiver);
      return (i: unknown, options?: { where?: SQL }) => {
        where = options?.where;
        return (target as unknown as Record<string, (i: unknown, o?: unknown) => unknown>)[
          table.list
        ]!(i, options);
      };
    },
  });
  await callStore(
    createAuthorizedStore(recording).as(subject),
    table.list,
    withLimit(table, input),
  );
  if (where === 'not called') return 'the raw list was not called (filter folded to none)';
  if (where === undefined) return 'no WHERE (filter folded to all)';
  const query = new PgDialect().sqlToQuery(where);
  return { sql: query.sql, params: query.params };
}

/** A reproducible report of one mismatch: seed, subject index, subject, row, object and SQL. */
export function formatCase(args: {
  world: WorldPlan;
  seed: number;
  index: number;
  table: VerifiedTable;
  subject: Subject;
  mismatch: Mismatch;
  sql: unknown;
}): string {
  const { world, seed, index, table, subject, mismatch, sql } = args;
  return [
    `${table.table}: ${table.list} disagrees with authorize (${mismatch.kind})`,
    `reproduce: DBAUTHZ_VERIFY_SEED=${seed} npx vitest run test/verify  (subject #${index})`,
    `input: ${JSON.stringify(mismatch.input)}`,
    `minimal subject: ${JSON.stringify(subject)}`,
    mismatch.row ? `row: ${JSON.stringify(mismatch.row)}` : '',
    mismatch.row
      ? `object: ${JSON.stringify(table.object(mismatch.row, mismatch.input, world))}`
      : '',
    `store lists it: ${String(mismatch.inStore)}, authorize: ${String(mismatch.authorized)}`,
    mismatch.detail ?? '',
    `sql: ${JSON.stringify(sql)}`,
  ]
    .filter((line) => line !== '')
    .join('\n');
}
