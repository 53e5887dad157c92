import { describe, expect, it } from 'vitest';
import { runAs } from '../../../src/dbauthz/actor-scope.ts';
import { buildAuthorizedStore } from '../../../src/dbauthz/build-store.ts';
import { NoActorError } from '../../../src/dbauthz/errors.ts';
import { systemActors } from '../../../src/dbauthz/system-actors/system-actors.ts';
import { authorizeArgs } from '../../../src/dbauthz/wrappers/authorize-args.ts';
import { fetchThenAuthorize } from '../../../src/dbauthz/wrappers/fetch-then-authorize.ts';
import { hasErrorCode } from '../../../src/rbac/errors.ts';
import {
  type FakeRaw,
  fakeAuthorizer,
  fakeRaw,
  fakeStore,
  subject,
  type Thing,
} from '../support/fake-store.ts';

const alice = subject('alice');
const bob = subject('bob');
const declarations = {
  getThing: fetchThenAuthorize('read', (t: Thing) => ({
    type: 'workspace',
    id: t.id,
    owner: t.ownerId,
  })),
  insertThing: authorizeArgs('create', (i: { ownerId: string }) => ({
    type: 'workspace',
    owner: i.ownerId,
  })),
};

function setup() {
  const raw = fakeRaw();
  const { authorizer, seen } = fakeAuthorizer(() => true);
  return { raw, seen, store: fakeStore(raw, declarations, authorizer) };
}

describe('binding the actor', () => {
  it('raises NoActorError on an unbound store, and no query runs', async () => {
    const { raw, seen, store } = setup();
    const error = await store.getThing({ id: 't1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoActorError);
    expect(hasErrorCode(error, 'no_actor')).toBe(true);
    expect((error as NoActorError).method).toBe('getThing');
    expect(raw.getThing).not.toHaveBeenCalled();
    expect(seen).toEqual([]);
  });

  it('acts as the subject given to as(), leaving the original store unbound', async () => {
    const { seen, store } = setup();
    const bound = store.as(alice);
    await bound.getThing({ id: 't1' });
    expect(seen.map((c) => c.actor)).toEqual(['alice']);
    expect(bound.actor).toBe(alice);
    expect(store.actor).toBeUndefined();
  });

  it('acts as the runAs scope across awaits when the store is unbound', async () => {
    const { seen, store } = setup();
    await runAs(alice, async () => {
      await Promise.resolve();
      await store.getThing({ id: 't1' });
      await store.insertThing({ ownerId: 'alice' });
    });
    expect(seen.map((c) => c.actor)).toEqual(['alice', 'alice']);
    await expect(store.getThing({ id: 't1' })).rejects.toBeInstanceOf(NoActorError);
  });

  it('lets an explicit as() binding win over the runAs scope', async () => {
    const { seen, store } = setup();
    await runAs(alice, () => store.as(bob).getThing({ id: 't1' }));
    expect(seen.map((c) => c.actor)).toEqual(['bob']);
  });

  it('fails closed for a method called off its store (destructured)', async () => {
    const { raw, store } = setup();
    const { getThing } = store.as(alice);
    await expect(getThing({ id: 't1' })).rejects.toBeInstanceOf(NoActorError);
    expect(raw.getThing).not.toHaveBeenCalled();
  });

  it('refuses a non-subject', () => {
    const { store } = setup();
    expect(() => store.as(undefined as never)).toThrow(TypeError);
  });

  it('binds the named system actors', () => {
    const { store } = setup();
    expect(store.asKeyRotator().actor).toBe(systemActors.asKeyRotator);
    expect(store.as(alice).asDBPurge().actor).toBe(systemActors.asDBPurge);
  });

  it('returns an authorized store unchanged when asked to wrap it again', () => {
    const { store } = setup();
    const again = buildAuthorizedStore(store as unknown as FakeRaw, declarations, {
      authorizer: fakeAuthorizer(() => false).authorizer,
    });
    expect(again).toBe(store);
  });

  it('denies a raw method that has no declaration', async () => {
    const { raw, store } = setup();
    const error = await store
      .as(alice)
      .deleteThing({ id: 't1' })
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'forbidden')).toBe(true);
    expect(raw.deleteThing).not.toHaveBeenCalled();
  });
});

describe('transactions', () => {
  it('gives the callback a store over the raw transaction with the same actor', async () => {
    const { raw, seen, store } = setup();
    const result = await store.as(alice).inTx(async (tx) => {
      expect(tx.actor).toBe(alice);
      return tx.getThing({ id: 't1' });
    });
    expect(result).toEqual({ id: 't1', ownerId: 'alice' });
    expect(raw.inTx).toHaveBeenCalledTimes(1);
    expect(seen.map((c) => c.actor)).toEqual(['alice']);
  });

  it('binds the runAs actor at the start of the transaction', async () => {
    const { store } = setup();
    const actor = await runAs(bob, () => store.inTx(async (tx) => tx.actor));
    expect(actor).toBe(bob);
  });

  it('raises NoActorError without opening a transaction when no actor is bound', async () => {
    const { raw, store } = setup();
    await expect(store.inTx(async () => 1)).rejects.toBeInstanceOf(NoActorError);
    expect(raw.inTx).not.toHaveBeenCalled();
  });

  it('propagates a denial inside the callback out of inTx (so the raw transaction rolls back)', async () => {
    const raw = fakeRaw();
    const { authorizer } = fakeAuthorizer((_actor, action) => action !== 'create');
    const store = fakeStore(raw, declarations, authorizer);
    const error = await store
      .as(alice)
      .inTx(async (tx) => {
        await tx.getThing({ id: 't1' });
        return tx.insertThing({ ownerId: 'bob' });
      })
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'forbidden')).toBe(true);
    expect(raw.insertThing).not.toHaveBeenCalled();
  });
});
