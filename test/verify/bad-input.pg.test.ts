import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRawStore, inputSchemaOf, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject, hasErrorCode, type Subject } from '../../src/rbac/index.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { hostileInputs, hostileWholeInputs } from '../support/verify/hostile-inputs.ts';
import { insertWorld } from '../support/verify/insert-world.ts';
import { Random } from '../support/verify/random.ts';
import { callStore } from '../support/verify/store-calls.ts';
import { tableChecksums } from '../support/verify/table-checksums.ts';
import { verifyConfig } from '../support/verify/verify-config.ts';
import { planWorld } from '../support/verify/world-plan.ts';

// Bad input to every authorized store method, as an owner (so authorization is not what stops
// it): malformed ids, oversized and control-character strings, SQL-looking strings, wrong types,
// missing fields. Every call resolves harmlessly or fails with a typed dbauthz error whose code a
// web layer maps (never a raw driver error, a TypeError or an `invalid_policy` built from
// unvalidated input), and a checksum of every table shows nothing changed.

/** The codes a bad input may end in: rejected, hidden, or a typed write failure. */
const expectedCodes = new Set([
  'invalid_input',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_reference',
]);

interface Outcome {
  readonly method: string;
  readonly label: string;
  readonly whole: boolean;
  /** `resolved`, a typed code, or the untyped error's name and message. */
  readonly result: string;
  readonly typed: boolean;
  /** Statements that reached PostgreSQL during the call. */
  readonly statements: number;
  /** The field an `invalid_input` named. */
  readonly field?: string | undefined;
}

/** The top-level fields of a raw method's input (every known field name when it has no object schema). */
function fieldsOf(method: unknown): readonly string[] | undefined {
  const schema = inputSchemaOf(method);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : undefined;
}

const config = verifyConfig();
const database = databaseForFile();
const outcomes: Outcome[] = [];
const changed: string[] = [];
let methodCount = 0;

beforeAll(async () => {
  const world = planWorld(new Random(config.seed).fork(13), 8);
  await insertWorld(database.db, world);
  // Counts the statements reaching PostgreSQL through the store's own client.
  const statements: string[] = [];
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const schema = await import('../../db/schema/index.ts');
  const logged = drizzle(database.client, {
    schema,
    logger: { logQuery: (query) => statements.push(query) },
  });
  const raw: RawStore = createRawStore(logged);
  const store: AuthorizedStore = createAuthorizedStore(raw);
  const org = world.orgs[0]!.id;
  const owner: Subject = createSubject({
    id: world.users[0]!.id,
    roles: ['owner', { name: 'organization-admin', org }, { name: 'organization-member', org }],
  });
  const names = Object.keys(raw)
    .filter((name) => name !== 'inTx')
    .sort();
  methodCount = names.length;
  const wholeLabels = new Set(hostileWholeInputs.map((i) => i.label));
  let before = await tableChecksums(database.client);
  for (const method of names) {
    const fields = fieldsOf((raw as unknown as Record<string, unknown>)[method]);
    for (const { label, value } of hostileInputs(fields)) {
      const whole = wholeLabels.has(label);
      statements.length = 0;
      try {
        await callStore(store.as(owner), method, value);
        const ran = statements.length;
        outcomes.push({ method, label, whole, result: 'resolved', typed: true, statements: ran });
      } catch (error) {
        const typed = hasErrorCode(error) && !(error instanceof TypeError);
        const e = error as { name?: string; message?: string; code?: string; field?: string };
        const result = typed ? String(e.code) : `${e?.name}: ${String(e?.message).slice(0, 140)}`;
        const field = e.code === 'invalid_input' ? e.field : undefined;
        const ran = statements.length;
        outcomes.push({ method, label, whole, result, typed, statements: ran, ...{ field } });
      }
    }
    const after = await tableChecksums(database.client);
    const diff = Object.keys(after).filter((table) => before[table] !== after[table]);
    if (diff.length > 0) changed.push(`${method} changed ${diff.join(', ')}`);
    before = after;
  }
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = o.typed ? o.result : 'untyped';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  console.info(
    `[verify] bad input: ${methodCount} methods x ${hostileInputs().length} inputs = ${outcomes.length} calls; ${JSON.stringify(counts)}`,
  );
}, 300_000);

const failures = (keep: (o: Outcome) => boolean) =>
  outcomes.filter(keep).map((o) => `${o.method}(${o.label}): ${o.result}`);

describe('bad input to every authorized store method (as an owner)', () => {
  it('covers every raw method with every hostile input', () => {
    expect(methodCount).toBeGreaterThan(80);
    expect(outcomes.length).toBe(methodCount * hostileInputs().length);
  });

  it('rejects invalid_input before any statement reaches PostgreSQL', () => {
    const rejected = outcomes.filter((o) => o.result === 'invalid_input');
    expect(rejected.length).toBeGreaterThan(methodCount * 5);
    expect(failures((o) => o.result === 'invalid_input' && o.statements > 0)).toEqual([]);
  });

  it('names the field of a hostile field value it rejects as invalid_input', () => {
    expect(failures((o) => !o.whole && o.result === 'invalid_input' && !o.field)).toEqual([]);
  });

  it('changes no table (md5 of every table before and after each method)', () => {
    expect(changed).toEqual([]);
  });

  it('never answers a whole input that is not an object (undefined, null, 42, ...) with a raw TypeError', () => {
    expect(failures((o) => o.whole && !o.typed)).toEqual([]);
  });

  it('never answers a hostile field with a raw driver error or a TypeError', () => {
    expect(failures((o) => !o.whole && !o.typed)).toEqual([]);
  });

  it('rejects as invalid_input (never invalid_policy) a field the authorization check cannot use', () => {
    expect(
      failures((o) => o.typed && o.result !== 'resolved' && !expectedCodes.has(o.result)),
    ).toEqual([]);
  });
});
