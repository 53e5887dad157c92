import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { faultCodeOf } from '../../db/errors.ts';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

// A second client, outside the store, that holds row locks and connections for the tests.
let holder: postgres.Sql;
beforeAll(() => {
  holder = postgres(ctx.test.url, { max: 2, onnotice: () => {} });
});
afterAll(() => holder.end({ timeout: 5 }));

/** Locks the user's row FOR UPDATE in another session until `release()` is called. */
async function lockUser(id: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = holder.begin(async (sql) => {
    await sql`SELECT id FROM users WHERE id = ${id} FOR UPDATE`;
    locked();
    await released;
  });
  await isLocked;
  return async () => {
    release();
    await done;
  };
}

describe('bounded calls', () => {
  it('answers a write blocked on a lock with timeout, and the write never lands later', async () => {
    const user = await createUser(ctx.db, { name: 'before' });
    const unlock = await lockUser(user.id);
    const started = performance.now();
    await expect(
      ctx.store.updateUserProfile({ id: user.id, name: 'after' }, { timeoutMs: 300 }),
    ).rejects.toMatchObject({ code: 'timeout', retryable: true, timeoutMs: 300 });
    expect(performance.now() - started).toBeLessThan(10_000);
    await unlock();
    await sleep(200); // time for an abandoned statement to land, if it were still running
    expect((await ctx.store.getUserById({ id: user.id })).name).toBe('before');
  });

  it('answers a write blocked on a lock with cancelled when the signal fires; nothing lands', async () => {
    const user = await createUser(ctx.db, { name: 'before' });
    const unlock = await lockUser(user.id);
    const controller = new AbortController();
    const call = ctx.store.updateUserProfile(
      { id: user.id, name: 'after' },
      { signal: controller.signal },
    );
    await sleep(100);
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled', retryable: false });
    await unlock();
    await sleep(200);
    expect((await ctx.store.getUserById({ id: user.id })).name).toBe('before');
  });

  it('runs no query for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      ctx.store.insertUser(
        { email: 'x@example.com', username: 'never' },
        {
          signal: controller.signal,
        },
      ),
    ).rejects.toMatchObject({ code: 'cancelled' });
    await expect(ctx.store.getUserByUsername({ username: 'never' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('bounds the wait for a connection: a pool of one held by a transaction answers timeout', async () => {
    const client = postgres(ctx.test.url, { max: 1, onnotice: () => {} });
    try {
      const store = createRawStore(createDatabase(client));
      const user = await createUser(ctx.db);
      let release!: () => void;
      const held = store.inTx(
        () =>
          new Promise<void>((resolve) => {
            release = resolve;
          }),
      );
      await sleep(50);
      await expect(store.getUserById({ id: user.id }, { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'timeout',
      });
      await expect(store.listUsers({}, { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'timeout',
      });
      await expect(store.inTx(async () => 1, { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'timeout',
      });
      release();
      await held;
      // The abandoned waits left nothing behind: the one connection serves the next calls.
      expect((await store.getUserById({ id: user.id }, { timeoutMs: 5_000 })).id).toBe(user.id);
      expect(await store.inTx(async (tx) => (await tx.getUserById({ id: user.id })).id)).toBe(
        user.id,
      );
    } finally {
      await client.end({ timeout: 5 });
    }
  });

  it('applies the store-wide default timeoutMs, and a call may set its own', async () => {
    const store: RawStore = createRawStore(ctx.db, { timeoutMs: 300 });
    const user = await createUser(ctx.db, { name: 'before' });
    const unlock = await lockUser(user.id);
    await expect(store.updateUserProfile({ id: user.id, name: 'after' })).rejects.toMatchObject({
      code: 'timeout',
      timeoutMs: 300,
    });
    const own = store.updateUserProfile({ id: user.id, name: 'after' }, { timeoutMs: 5_000 });
    await sleep(500);
    await unlock();
    expect((await own).name).toBe('after');
  });

  it('refuses a timeoutMs that is not a positive number before any query', async () => {
    await expect(ctx.store.listUsers({}, { timeoutMs: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'timeoutMs',
    });
    await expect(
      ctx.store.getUserById({ id: '00000000-0000-4000-8000-000000000000' }, { timeoutMs: NaN }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'timeoutMs' });
  });

  it('maps a server-side statement_timeout (57014) and lock_timeout (55P03) to timeout', async () => {
    const user = await createUser(ctx.db);
    const unlock = await lockUser(user.id);
    const client = postgres(ctx.test.url, {
      max: 1,
      onnotice: () => {},
      connection: { lock_timeout: 100 },
    });
    try {
      const store = createRawStore(createDatabase(client));
      const error = await store.updateUserProfile({ id: user.id, name: 'x' }).catch((e) => e);
      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(faultCodeOf(error.cause)).toBe('55P03');
    } finally {
      await unlock();
      await client.end({ timeout: 5 });
    }
    const slow = postgres(ctx.test.url, {
      max: 1,
      onnotice: () => {},
      connection: { statement_timeout: 100 },
    });
    try {
      const unlockAgain = await lockUser(user.id);
      const store = createRawStore(createDatabase(slow));
      const error = await store.updateUserProfile({ id: user.id, name: 'x' }).catch((e) => e);
      expect(error).toMatchObject({ code: 'timeout', timeoutMs: undefined });
      expect(faultCodeOf(error.cause)).toBe('57014');
      await unlockAgain();
    } finally {
      await slow.end({ timeout: 5 });
    }
  });
});
