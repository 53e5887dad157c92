import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../db/errors.ts';
import { users } from '../../../db/schema/index.ts';
import type { Decision } from '../../../src/dbauthz/decision-hook.ts';
import { anyOf } from '../../../src/dbauthz/target.ts';
import { authorizeArgs } from '../../../src/dbauthz/wrappers/authorize-args.ts';
import type { RawCallOptions } from '../../../src/dbauthz/wrappers/declaration.ts';
import { fetchThenAuthorize } from '../../../src/dbauthz/wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../../../src/dbauthz/wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../../../src/dbauthz/wrappers/filtered-list.ts';
import { orderedChecks } from '../../../src/dbauthz/wrappers/ordered-checks.ts';
import { ForbiddenError, hasErrorCode } from '../../../src/rbac/errors.ts';
import type { Predicate } from '../../../src/rbac/types.ts';
import {
  type FakeRaw,
  fakeAuthorizer,
  fakeRaw,
  fakeStore,
  subject,
  type Thing,
} from '../support/fake-store.ts';

const alice = subject('alice');
const thingObject = (t: Thing) => ({ type: 'workspace' as const, id: t.id, owner: t.ownerId });
const columns = { id: users.id, owner: users.id };
const render = (options: RawCallOptions | undefined) =>
  options?.where === undefined
    ? undefined
    : { ...new PgDialect().sqlToQuery(options.where), typings: undefined };

describe('fetchThenAuthorize', () => {
  const declarations = { getThing: fetchThenAuthorize('read', thingObject) };

  it('returns the row when the actor may read it', async () => {
    const { authorizer, seen } = fakeAuthorizer(() => true);
    const store = fakeStore(fakeRaw(), declarations, authorizer);
    expect(await store.as(alice).getThing({ id: 't1' })).toEqual({ id: 't1', ownerId: 'alice' });
    expect(seen).toEqual([
      { actor: 'alice', action: 'read', object: { type: 'workspace', id: 't1', owner: 'alice' } },
    ]);
  });

  it('gives a missing row and a denied row the same error class and message', async () => {
    const missing = fakeRaw({ getThing: async () => Promise.reject(new NotFoundError('thing')) });
    const notFound = await fakeStore(missing, declarations, fakeAuthorizer(() => true).authorizer)
      .as(alice)
      .getThing({ id: 'nope' })
      .catch((e: unknown) => e);
    const denied = await fakeStore(fakeRaw(), declarations, fakeAuthorizer(() => false).authorizer)
      .as(alice)
      .getThing({ id: 't1' })
      .catch((e: unknown) => e);
    for (const error of [notFound, denied]) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toBe('forbidden');
    }
    expect((notFound as ForbiddenError).detail.reason).toBe('not_found');
    // No cause either way: a serializer printing `cause` must not tell them apart.
    expect([(notFound as ForbiddenError).cause, (denied as ForbiddenError).cause]).toEqual([
      undefined,
      undefined,
    ]);
    expect((notFound as ForbiddenError).detail.object).toEqual({ entity: 'thing' });
    expect((denied as ForbiddenError).detail).toMatchObject({
      actor: 'alice',
      action: 'read',
      reason: 'forbidden',
    });
  });

  it('lets a cancellation through untouched', async () => {
    const abort = new DOMException('The operation was aborted', 'AbortError');
    const raw = fakeRaw({ getThing: async () => Promise.reject(abort) });
    const store = fakeStore(raw, declarations, fakeAuthorizer(() => true).authorizer);
    await expect(store.as(alice).getThing({ id: 't1' })).rejects.toBe(abort);
  });
});

describe('fetchThenMutate and authorizeArgs', () => {
  it('checks the fetched row before the mutation, which never runs when denied', async () => {
    const raw = fakeRaw();
    const declarations = {
      deleteThing: fetchThenMutate(
        (r: FakeRaw, i: { id: string }) => r.getThing(i),
        'delete',
        thingObject,
      ),
    };
    const { authorizer, seen } = fakeAuthorizer(() => false);
    await expect(
      fakeStore(raw, declarations, authorizer).as(alice).deleteThing({ id: 't1' }),
    ).rejects.toBeForbidden();
    expect(raw.getThing).toHaveBeenCalledWith({ id: 't1' });
    expect(raw.deleteThing).not.toHaveBeenCalled();
    expect(seen.map((c) => c.action)).toEqual(['delete']);
  });

  it('hides a missing lookup of an argument-built object as forbidden', async () => {
    const raw = fakeRaw({ getThing: async () => Promise.reject(new NotFoundError('thing')) });
    const declarations = {
      insertThing: authorizeArgs('create', async (i: { ownerId: string }, ctx) => {
        const parent = await ctx.fetch((ctx.raw as FakeRaw).getThing({ id: i.ownerId }), 'create');
        return { type: 'workspace', owner: parent.ownerId };
      }),
    };
    const error = await fakeStore(raw, declarations, fakeAuthorizer(() => true).authorizer)
      .as(alice)
      .insertThing({ ownerId: 'x' })
      .catch((e: unknown) => e);
    expect((error as ForbiddenError).detail.reason).toBe('not_found');
    expect(raw.insertThing).not.toHaveBeenCalled();
  });
});

describe('ordered checks and fallbacks', () => {
  const prebuilt = { type: 'workspace' as const, id: 't1', owner: 'prebuilds' };
  const declarations = {
    deleteThing: orderedChecks(() => [
      { action: 'use', target: { type: 'template', id: 'tpl' } },
      { action: 'delete', target: anyOf(prebuilt, { ...prebuilt, type: 'prebuilt_workspace' }) },
    ]),
  };

  it('makes every check in order and accepts the first allowed alternative', async () => {
    const raw = fakeRaw();
    const { authorizer, seen } = fakeAuthorizer((_, __, o) => o.type !== 'workspace');
    await fakeStore(raw, declarations, authorizer).as(alice).deleteThing({ id: 't1' });
    expect(seen.map((c) => `${c.action} ${c.object.type}`)).toEqual([
      'use template',
      'delete workspace',
      'delete prebuilt_workspace',
    ]);
    expect(raw.deleteThing).toHaveBeenCalledTimes(1);
  });

  it('stops at the first denied check', async () => {
    const raw = fakeRaw();
    const { authorizer, seen } = fakeAuthorizer((_, action) => action !== 'use');
    const error = await fakeStore(raw, declarations, authorizer)
      .as(alice)
      .deleteThing({ id: 't1' })
      .catch((e: unknown) => e);
    expect((error as ForbiddenError).detail.object).toEqual({ type: 'template', id: 'tpl' });
    expect(seen).toHaveLength(1);
    expect(raw.deleteThing).not.toHaveBeenCalled();
  });
});

describe('filteredList and filteredCount', () => {
  const declarations = {
    listThings: filteredList('read', 'user', columns),
    countThings: filteredCount('read', 'user', columns),
  };
  const storeWith = (predicate: Predicate) => {
    const raw = fakeRaw();
    return {
      raw,
      store: fakeStore(raw, declarations, fakeAuthorizer(() => true, predicate).authorizer).as(
        alice,
      ),
    };
  };

  it('returns [] and 0 without calling the raw store when nothing can match', async () => {
    const { raw, store } = storeWith({ op: 'false' });
    expect(await store.listThings({})).toEqual([]);
    expect(await store.countThings({})).toBe(0);
    expect(raw.listThings).not.toHaveBeenCalled();
    expect(raw.countThings).not.toHaveBeenCalled();
  });

  it('passes no condition at all when everything matches', async () => {
    const { raw, store } = storeWith({ op: 'true' });
    await store.listThings({ page: 2 });
    expect(raw.listThings).toHaveBeenCalledWith({ page: 2 }, {});
  });

  it('passes the compiled filter as the WHERE, and refuses any SQL from the caller', async () => {
    const { raw, store } = storeWith({
      op: 'eq',
      field: 'owner',
      value: 'a0d17000-0000-4000-8000-000000000001',
    });
    await store.countThings({});
    expect(render(raw.countThings.mock.calls[0]?.[1])).toEqual({
      sql: '"users"."id" = $1',
      params: ['a0d17000-0000-4000-8000-000000000001'],
      typings: undefined,
    });
    const smuggled = { where: sql`${users.status} = ${'active'}` } as never;
    const error = await store.listThings({}, smuggled).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'invalid_input')).toBe(true);
    expect((error as { field?: string }).field).toBe('options.where');
    expect(raw.listThings).not.toHaveBeenCalled();
  });
});

describe('the decision hook', () => {
  it('sees every check and every filter with its outcome', async () => {
    const decisions: Decision[] = [];
    const declarations = {
      getThing: fetchThenAuthorize('read', thingObject),
      listThings: filteredList('read', 'user', columns),
    };
    const { authorizer } = fakeAuthorizer(() => true, { op: 'false' });
    const store = fakeStore(fakeRaw(), declarations, authorizer, (d) => decisions.push(d)).as(
      alice,
    );
    await store.getThing({ id: 't1' });
    await store.listThings({});
    expect(decisions).toEqual([
      {
        actor: alice,
        action: 'read',
        object: { type: 'workspace', id: 't1', owner: 'alice' },
        allowed: true,
      },
      { actor: alice, action: 'read', object: { type: 'user' }, allowed: false, filter: 'none' },
    ]);
  });
});
