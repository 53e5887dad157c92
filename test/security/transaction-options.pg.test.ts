import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createUser } from '../support/factories/index.ts';

// Attack: inTx options are the caller's too. The isolation level is written into SET
// TRANSACTION, so a string outside the fixed list reached PostgreSQL as SQL (and could turn a
// read-only transaction into a read-write one); unknown keys were accepted silently.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let alice: User;
let statements: string[];

beforeAll(async () => {
  alice = await createUser(database.db);
  statements = [];
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const schema = await import('../../db/schema/index.ts');
  const logged = drizzle(database.client, {
    schema,
    logger: { logQuery: (query) => statements.push(query) },
  });
  raw = createRawStore(logged);
  store = createAuthorizedStore(raw);
});

const asAlice = () => store.as(createSubject({ id: alice.id, roles: ['member'] }));

async function fieldOf(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect((error as { code?: string }).code).toBe('invalid_input');
  return (error as { field: string }).field;
}

describe('transaction options are validated before BEGIN', () => {
  it('refuses an isolation level outside the fixed list, sending nothing', async () => {
    statements.length = 0;
    const injected = { isolation: 'serializable; drop table users; --' } as never;
    expect(await fieldOf(asAlice().inTx(async () => 1, injected))).toBe('isolation');
    const widened = { readOnly: true, isolation: 'read committed read write --' } as never;
    expect(await fieldOf(asAlice().inTx(async () => 1, widened))).toBe('isolation');
    expect(statements).toEqual([]);
  });

  it('refuses unknown keys and values of the wrong kind', async () => {
    const cases = [
      [{ where: 'true' }, 'options.where'],
      [{ readOnly: 'yes' }, 'readOnly'],
      [{ signal: { aborted: false } }, 'signal'],
      [{ timeoutMs: 1e10 }, 'timeoutMs'],
    ] as const;
    for (const [options, field] of cases) {
      expect(await fieldOf(asAlice().inTx(async () => 1, options as never))).toBe(field);
    }
  });

  it('keeps a read-only transaction read-only, with a typed error and no SQL in its message', async () => {
    const error = await asAlice()
      .inTx((tx) => tx.updateUserProfile({ id: alice.id, name: 'Mallory' }), { readOnly: true })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('invalid_input');
    expect((error as Error).message).not.toMatch(/update|where/i);
    expect((await raw.getUserById({ id: alice.id })).name).not.toBe('Mallory');
  });
});
