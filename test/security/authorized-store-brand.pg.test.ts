import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizedStore, createRawStore, NoActorError } from '../../src/index.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { createUser } from '../support/factories/index.ts';

// Attack: buildAuthorizedStore (src/dbauthz/build-store.ts) returns its argument unchanged when
// `raw[Symbol.for('dbauthz.authorized-store')]` is truthy. The brand is a global-registry symbol
// read with an ordinary [[Get]] on the not-yet-trusted raw store, so a raw store behind a
// forwarding/instrumentation Proxy that answers unknown keys (here with a no-op hook) is taken for
// an authorized store: every raw method is then reachable with no actor and no declaration check.

describe('authorized-store brand cannot be forged by the raw store', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await useTestDatabase();
  });
  afterAll(() => database.close());

  it('a Proxy-wrapped raw store is still wrapped (calls without an actor fail closed)', async () => {
    const user = await createUser(database.db);
    const raw = createRawStore(database.db);
    const noop = () => undefined;
    // An instrumentation wrapper: known keys forward, unknown keys get a no-op hook.
    const traced = new Proxy(raw, {
      get(target, key, receiver) {
        return Reflect.get(target, key, receiver) ?? noop;
      },
    });
    const store = createAuthorizedStore(traced);
    expect(store).not.toBe(traced);
    // No actor bound and no runAs scope: an authorized store must throw NoActorError.
    await expect(store.getUserById({ id: user.id })).rejects.toBeInstanceOf(NoActorError);
  });

  it('a raw store carrying the registry symbol is still wrapped', async () => {
    const user = await createUser(database.db);
    const raw = Object.assign(createRawStore(database.db), {
      [Symbol.for('dbauthz.authorized-store')]: true,
    });
    const store = createAuthorizedStore(raw);
    await expect(store.getUserById({ id: user.id })).rejects.toBeInstanceOf(NoActorError);
  });
});
