import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { runAs } from '../../src/dbauthz/actor-scope.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createApiKey,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Attacks on the read-replica routing (createRawStore({ replica }), onPrimary): an app's wrapper
// around the raw store must see every write, and onPrimary() must not capture a runAs actor.

const database = databaseForFile();
let acme: Organization;
let alice: User;
let bob: User;

beforeAll(async () => {
  acme = await createOrganization(database.db);
  alice = await createUser(database.db);
  bob = await createUser(database.db);
  for (const user of [alice, bob]) {
    await createMember(database.db, { organizationId: acme.id, userId: user.id });
  }
});

/**
 * An application guard around the raw store: no write may touch `protectedId` (say a break-glass
 * admin, or a maintenance freeze). Such a Proxy must stay in place for writes.
 */
function guarded(raw: RawStore, protectedId: string): { store: RawStore; seen: string[] } {
  const seen: string[] = [];
  const store = new Proxy(raw, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key !== 'updateUserStatus') return value;
      return async (input: { id: string }, options?: unknown) => {
        seen.push(String(key));
        if (input.id === protectedId) throw new Error('app guard: this user is frozen');
        return (value as (i: unknown, o?: unknown) => Promise<unknown>)(input, options);
      };
    },
  });
  return { store, seen };
}

describe('replica routing and the application wrapper around the raw store', () => {
  it('keeps an app Proxy around a replica-backed raw store in place for writes', async () => {
    // The "replica" is a second Database over the same server: routing is all that matters here.
    const raw = createRawStore(database.db, { replica: database.db });
    const { store: wrapped, seen } = guarded(raw, bob.id);
    const owner = createSubject({ id: alice.id, roles: ['member', 'owner'] });
    const store: AuthorizedStore = createAuthorizedStore(wrapped);
    // A write through the authorized store: it runs on `primaryOf(raw)` = raw.onPrimary(), which
    // with a replica is the inner, unwrapped primary store, so the app's guard never sees it.
    const attempt = store.as(owner).updateUserStatus({ id: bob.id, status: 'suspended' });
    await expect(attempt).rejects.toThrow(/app guard/);
    expect(seen).toContain('updateUserStatus');
  });
});

describe('onPrimary() of an unbound store', () => {
  it('stays unbound (uses the runAs scope of each call), like the store it was called on', async () => {
    const raw = createRawStore(database.db, { replica: database.db });
    const store = createAuthorizedStore(raw);
    const key = await createApiKey(database.db, { userId: alice.id });
    // A helper memoises "the primary store" the first time a request needs it (alice's request).
    let primary: AuthorizedStore | undefined;
    await runAs(memberOf(alice.id, acme.id), async () => {
      primary ??= store.onPrimary();
    });
    expect(store.actor).toBeUndefined();
    // Later, bob's request uses the same helper: it acts as alice, not as the scope's bob.
    const asBob = await runAs(memberOf(bob.id, acme.id), () =>
      primary!.listApiKeysByUser({ userId: alice.id, limit: 10, offset: 0 }).then(
        (rows) => rows.map((k) => k.id),
        () => [] as string[],
      ),
    );
    expect(asBob).not.toContain(key.id);
    expect(primary?.actor).toBeUndefined();
  });
});
