import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore, DEFAULT_TX_RETRIES, type RawStore } from '../../db/queries/index.ts';
import { runOutsideTransaction } from '../../db/transaction-scope.ts';
import { createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

/** A driver-shaped serialization failure, as postgres.js raises it. */
const serializationFailure = () =>
  Object.assign(new Error('could not serialize'), { code: '40001' });

describe('inTx options', () => {
  it('retries a serialization failure 3 times by default, running the callback again', async () => {
    expect(DEFAULT_TX_RETRIES).toBe(3);
    let attempts = 0;
    const result = await ctx.store.inTx(async (tx) => {
      attempts++;
      const user = await tx.insertUser({
        email: `r${attempts}@example.com`,
        username: `r${attempts}`,
      });
      if (attempts < 4) throw serializationFailure();
      return user.username;
    });
    expect(result).toBe('r4');
    expect(attempts).toBe(4);
    // The failed attempts rolled back: only the last one's row exists.
    await expect(ctx.store.getUserByUsername({ username: 'r1' })).rejects.toMatchObject({
      code: 'not_found',
    });
    expect((await ctx.store.getUserByUsername({ username: 'r4' })).username).toBe('r4');
  });

  it('gives up after `retries` with serialization_failure, and retries: 0 runs once', async () => {
    let attempts = 0;
    const fail = async () => {
      attempts++;
      throw serializationFailure();
    };
    await expect(ctx.store.inTx(fail, { retries: 1 })).rejects.toMatchObject({
      code: 'serialization_failure',
      sqlstate: '40001',
      retryable: true,
    });
    expect(attempts).toBe(2);
    attempts = 0;
    await expect(ctx.store.inTx(fail, { retries: 0 })).rejects.toMatchObject({
      code: 'serialization_failure',
    });
    expect(attempts).toBe(1);
  });

  it('does not retry other errors', async () => {
    let attempts = 0;
    await expect(
      ctx.store.inTx(async () => {
        attempts++;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(attempts).toBe(1);
  });

  it('resolves a real serializable write skew by retrying the loser', async () => {
    const a = await createUser(ctx.db, { name: 'on-call' });
    const b = await createUser(ctx.db, { name: 'on-call' });
    // Each transaction reads both rows, then takes its own user off call: serially, exactly one
    // stays on call. Both read before either writes, so one must fail with 40001 and run again.
    let arrived = 0;
    let bothRead!: () => void;
    const barrier = new Promise<void>((resolve) => {
      bothRead = resolve;
    });
    let attempts = 0;
    // Two pooled connections open first: a transaction reserves an idle connection, and on a cold
    // pool the second would wait for the first to finish, turning the race into a serial run.
    const client = ctx.test.client;
    await Promise.all([client`select pg_sleep(0.05)`, client`select pg_sleep(0.05)`]);
    const offCall = (self: string, other: string) =>
      ctx.store.inTx(
        async (tx) => {
          attempts++;
          const others = await tx.getUserById({ id: other });
          await tx.getUserById({ id: self });
          if (++arrived === 2) bothRead();
          // Wait for the other to have read too (a retry finds the barrier open); the limit only
          // keeps a wedged run from hanging, and is long enough for a busy CI machine.
          await Promise.race([barrier, new Promise((r) => setTimeout(r, 5_000))]);
          if (others.name === 'on-call') await tx.updateUserProfile({ id: self, name: 'off' });
        },
        { isolation: 'serializable' },
      );
    await Promise.all([offCall(a.id, b.id), offCall(b.id, a.id)]);
    const names = [
      (await ctx.store.getUserById({ id: a.id })).name,
      (await ctx.store.getUserById({ id: b.id })).name,
    ].sort();
    expect(names).toEqual(['off', 'on-call']);
    expect(attempts).toBeGreaterThanOrEqual(3);
  });

  it('opens a read-only transaction when asked: a write in it fails and nothing lands', async () => {
    const error = await ctx.store
      .inTx((tx) => tx.insertUser({ email: 'ro@example.com', username: 'readonly' }), {
        readOnly: true,
      })
      .catch((e: unknown) => e);
    // A typed error whose message names the rule, not the statement (the driver error is cause).
    expect(error).toMatchObject({ code: 'invalid_input', cause: expect.anything() });
    expect((error as Error).message).toMatch(/read-only transaction/);
    await expect(ctx.store.getUserByUsername({ username: 'readonly' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('refuses isolation on a nested transaction and retries outside 0..100', async () => {
    await expect(
      ctx.store.inTx((tx) => tx.inTx(async () => 1, { isolation: 'serializable' })),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'isolation' });
    await expect(ctx.store.inTx(async () => 1, { retries: -1 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'retries',
    });
  });
});

describe('the outer store inside its own inTx', () => {
  async function withPoolOfOne<T>(fn: (store: RawStore) => Promise<T>): Promise<T> {
    const client = postgres(ctx.test.url, { max: 1, onnotice: () => {} });
    try {
      return await fn(createRawStore(createDatabase(client)));
    } finally {
      await client.end({ timeout: 5 });
    }
  }

  it('raises outer_store_in_transaction at once (no deadlock on a pool of one) and rolls back', async () => {
    await withPoolOfOne(async (store) => {
      const error = await store
        .inTx(async (tx) => {
          await tx.insertUser({ email: 'in@example.com', username: 'inside' });
          await store.getUserByUsername({ username: 'inside' });
        })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'outer_store_in_transaction', retryable: false });
      await expect(store.getUserByUsername({ username: 'inside' })).rejects.toMatchObject({
        code: 'not_found',
      });
      // The pool is free again.
      expect(await store.inTx(async () => 'ok')).toBe('ok');
    });
  });

  it('catches an outer write and an outer inTx too, and allows another database', async () => {
    const error = await ctx.store
      .inTx(async () => {
        await ctx.store.insertUser({ email: 'o@example.com', username: 'outer' });
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'outer_store_in_transaction' });
    await expect(ctx.store.inTx(() => ctx.store.inTx(async () => 1))).rejects.toMatchObject({
      code: 'outer_store_in_transaction',
    });
    await expect(ctx.store.getUserByUsername({ username: 'outer' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await withPoolOfOne(async (other) => {
      const user = await createUser(ctx.db);
      expect(await ctx.store.inTx(async () => (await other.getUserById({ id: user.id })).id)).toBe(
        user.id,
      );
    });
  });

  it('lets work run beside the transaction on purpose with runOutsideTransaction', async () => {
    const user = await createUser(ctx.db);
    const seen = await ctx.store.inTx(() =>
      runOutsideTransaction(() => ctx.store.getUserById({ id: user.id })),
    );
    expect(seen.id).toBe(user.id);
  });
});
