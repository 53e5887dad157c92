import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { runBounded } from '../../db/bounded-call.ts';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import { createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

/** A store over a pool of one connection, so a connection the driver loses shows at once. */
async function withPoolOfOne(fn: (store: ReturnType<typeof createRawStore>) => Promise<void>) {
  const client = postgres(ctx.test.url, { max: 1, onnotice: () => {} });
  try {
    await fn(createRawStore(createDatabase(client)));
  } finally {
    await client.end({ timeout: 1 });
  }
}

/** Backends of this database idle inside a transaction (a connection given up mid-transaction). */
async function idleInTransaction(): Promise<number> {
  const rows = await ctx.test.client`
    SELECT count(*)::int AS n FROM pg_stat_activity
    WHERE datname = current_database() AND state = 'idle in transaction'`;
  return rows[0]?.n ?? -1;
}

// A statement issued after its call's deadline has passed is refused without reaching a
// connection. postgres.js 3.4.9 parks a connection for good when it is handed a query already
// cancelled: the connection waits for an answer to a statement it never sent.
describe('statements issued after the deadline of their call', () => {
  it('an inTx whose callback goes on after its timeout rolls back and frees its connection', async () => {
    const user = await createUser(ctx.db);
    await withPoolOfOne(async (store) => {
      let lateCall: Promise<unknown> | undefined;
      const timedOut = store.inTx(
        async (tx) => {
          await tx.getUserById({ id: user.id });
          await sleep(300);
          lateCall = tx.updateUserProfile({ id: user.id, name: 'late' });
          return lateCall;
        },
        { timeoutMs: 100 },
      );
      await expect(timedOut).rejects.toMatchObject({ code: 'timeout' });
      await expect(lateCall).rejects.toMatchObject({ code: 'timeout' });
      // The one connection serves the next call: nothing holds it mid-transaction.
      const next = await store.getUserById({ id: user.id }, { timeoutMs: 2_000 });
      expect(next.name).toBe(user.name);
      expect(await idleInTransaction()).toBe(0);
    });
  });

  it('a plain query issued after the deadline never runs and the pool still answers', async () => {
    const user = await createUser(ctx.db, { name: 'before' });
    await withPoolOfOne(async (store) => {
      const late = runBounded({ timeoutMs: 50 }, async () => {
        await sleep(150);
        return store.updateUserProfile({ id: user.id, name: 'after' });
      });
      await expect(late).rejects.toMatchObject({ code: 'timeout' });
      await sleep(100);
      const next = await store.getUserById({ id: user.id }, { timeoutMs: 2_000 });
      expect(next.name).toBe('before');
    });
  });
});
