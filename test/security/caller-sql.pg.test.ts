import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, inputSchemaOf, LIST_FILTER_TABLES } from '../../db/queries/index.ts';
import { userSecrets } from '../../db/schema/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { hasErrorCode } from '../../src/rbac/errors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Attack: every list and count of the authorized store used to AND a caller's `{ where }` into its
// query unchecked, so a plain member could test any predicate over any table (here: another
// user's secret value, one character at a time) through the row count of their own list.

const database = databaseForFile();
let store: AuthorizedStore;
let acme: Organization;
let mallory: User;
let victim: User;
let statements: string[];

/** A guess about the victim's secret, as SQL a caller might smuggle in. */
const guess = (prefix: string) =>
  sql`exists (select 1 from ${userSecrets} where ${userSecrets.userId} = ${victim.id} and ${userSecrets.value} like ${`${prefix}%`})`;

beforeAll(async () => {
  acme = await createOrganization(database.db);
  mallory = await createUser(database.db);
  victim = await createUser(database.db);
  await createMember(database.db, { userId: mallory.id, organizationId: acme.id });
  await createMember(database.db, { userId: victim.id, organizationId: acme.id });
  await createRawStore(database.db).createUserSecret({
    userId: victim.id,
    name: 'github',
    value: 'hunter2',
  });
  statements = [];
  // Counts the statements reaching PostgreSQL through the store's own client.
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const schema = await import('../../db/schema/index.ts');
  const logged = drizzle(database.client, {
    schema,
    logger: { logQuery: (query) => statements.push(query) },
  });
  store = createAuthorizedStore(createRawStore(logged));
});

describe('an authorized list or count never runs SQL from its caller', () => {
  it('refuses a smuggled where on countWorkspaces with invalid_input, before any query', async () => {
    const asMallory = store.as(memberOf(mallory.id, acme.id));
    statements.length = 0;
    const error = await asMallory
      .countWorkspaces({}, { where: guess('h') } as never)
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'invalid_input')).toBe(true);
    expect((error as { field: string }).field).toBe('options.where');
    expect(statements).toEqual([]);
  });

  it('answers a true and a false guess identically, for every list and count method', async () => {
    const asMallory = store.as(memberOf(mallory.id, acme.id)) as unknown as Record<
      string,
      (input: unknown, options?: unknown) => Promise<unknown>
    >;
    const methods = Object.keys(LIST_FILTER_TABLES);
    expect(methods.length).toBeGreaterThan(20);
    for (const method of methods) {
      const answers = await Promise.all(
        ['hunter', 'zzz'].map((prefix) =>
          asMallory[method]!({}, { where: guess(prefix) }).then(
            () => 'answered',
            (e: unknown) => (e as { code?: string; field?: string }).field ?? 'other error',
          ),
        ),
      );
      expect([method, ...answers]).toEqual([method, 'options.where', 'options.where']);
    }
  });

  it('accepts only signal and timeoutMs, validated', async () => {
    const asMallory = store.as(memberOf(mallory.id, acme.id));
    const fields = await Promise.all(
      [{ timeoutMs: -1 }, { signal: 'stop' }, { limit: 1 }, null, [sql`true`]].map((options) =>
        asMallory.countWorkspaces({}, options as never).then(
          () => 'answered',
          (e: unknown) =>
            hasErrorCode(e, 'invalid_input') ? (e as unknown as { field: string }).field : e,
        ),
      ),
    );
    expect(fields).toEqual([
      'options.timeoutMs',
      'options.signal',
      'options.limit',
      'options',
      'options',
    ]);
    expect(await asMallory.countWorkspaces({}, { timeoutMs: 5_000 })).toBe(0);
  });

  it('is typed so that SQL in the call options does not compile', () => {
    const asMallory = store.as(memberOf(mallory.id, acme.id));
    const smuggle = () =>
      // @ts-expect-error `where` is not a call option of the authorized store
      asMallory.countWorkspaces({}, { where: guess('h') });
    expect(typeof smuggle).toBe('function');
  });
});

describe('an input field the method does not know is refused, never ignored', () => {
  it('refuses SQL hidden in the input object with invalid_input naming it, before any query', async () => {
    const asMallory = store.as(memberOf(mallory.id, acme.id));
    statements.length = 0;
    const error = await asMallory
      .countWorkspaces({ where: guess('h') } as never)
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'invalid_input')).toBe(true);
    expect((error as unknown as { field: string }).field).toBe('where');
    expect(statements).toEqual([]);
  });

  it('refuses a misspelt filter instead of listing without it', async () => {
    const asMallory = store.as(memberOf(mallory.id, acme.id));
    const error = await asMallory
      .listWorkspaces({ ownerID: mallory.id } as never)
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'invalid_input')).toBe(true);
    expect((error as unknown as { field: string }).field).toBe('ownerID');
  });

  it('holds for the input schema of every raw method', () => {
    const raw = createRawStore(database.db) as unknown as Record<string, unknown>;
    const lenient = Object.keys(raw).filter((name) => {
      const schema = inputSchemaOf(raw[name]);
      if (schema === undefined) return false;
      const result = schema.safeParse({ zzNotAField: 1 });
      return result.success || !result.error.issues.some((i) => i.code === 'unrecognized_keys');
    });
    expect(Object.keys(raw).filter((name) => inputSchemaOf(raw[name])).length).toBeGreaterThan(100);
    expect(lenient).toEqual([]);
  });
});
