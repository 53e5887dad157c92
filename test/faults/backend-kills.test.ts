import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answerOf,
  type FaultRig,
  killBackends,
  recovered,
  startFaultRig,
} from './fault-harness.ts';

let rig: FaultRig;
let seq = 0;
const name = (prefix: string) => `${prefix}${++seq}`;

beforeAll(async () => {
  rig = await startFaultRig();
  // A deferred trigger that makes COMMIT slow for one marked row, so a kill can land in COMMIT.
  await rig.admin.unsafe(`
    CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.name = 'slow-commit' THEN PERFORM pg_sleep(3); END IF; RETURN NEW; END $$;
    CREATE CONSTRAINT TRIGGER slow_commit AFTER UPDATE ON users
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit();`);
}, 120_000);
afterAll(async () => {
  await rig?.close();
});

/** Holds `lock` in an admin transaction until the returned release is called. */
async function holding(lock: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const done = rig.admin.begin(async (sql) => {
    await sql.unsafe(lock);
    ready();
    await released;
  });
  await isReady;
  return async () => {
    release();
    await done;
  };
}

/** Whether the user exists, asked until the store answers (typed faults while it recovers). */
function exists(username: string): Promise<boolean> {
  return recovered(() =>
    rig.store.getUserByUsername({ username }).then(
      () => true,
      (error: { code?: string }) => {
        if (error.code === 'not_found') return false;
        throw error;
      },
    ),
  );
}

async function newUser() {
  const username = name('u');
  return rig.store.insertUser({ email: `${username}@example.com`, username });
}

/** Runs 8 concurrent calls and throws unless all succeed. */
async function batch() {
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      answerOf<unknown>(i % 2 === 0 ? rig.store.listUsers({ limit: 5 }) : newUser()),
    ),
  );
  const failed = answers.filter((a) => !('ok' in a && a.ok));
  if (failed.length > 0) throw new Error(`failed: ${JSON.stringify(failed)}`);
}

/**
 * After a fault: the same store (same client) answers again. A pooled connection whose backend was
 * killed may answer one later call with a typed `unavailable` (postgres.js delivers the server's
 * 57P01 late), so recovery is a batch in which every call succeeds; then 12 more all succeed.
 */
async function expectRecovered() {
  await recovered(batch);
  const answers = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      answerOf<unknown>(i % 2 === 0 ? rig.store.listUsers({ limit: 5 }) : newUser()),
    ),
  );
  expect(answers.filter((a) => !('ok' in a && a.ok))).toEqual([]);
  expect(rig.uncaught).toEqual([]);
  expect(rig.rejections).toEqual([]);
}

describe('a backend killed under the store', () => {
  it('mid-read and mid-list: the calls answer unavailable, and the store recovers', async () => {
    const user = await newUser();
    const release = await holding('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    const read = answerOf(rig.store.getUserById({ id: user.id }));
    const list = answerOf(rig.store.listUsers({}));
    await sleep(100);
    expect(await killBackends(rig.admin, { waitingOnLock: true })).toBeGreaterThanOrEqual(1);
    const answers = [await read, await list];
    await release();
    for (const answer of answers) expect(answer).toMatchObject({ ok: false });
    expect(answers.some((a) => 'code' in a && a.code === 'unavailable')).toBe(true);
    for (const a of answers) if ('code' in a) expect(['unavailable']).toContain(a.code);
    await expectRecovered();
  });

  it('mid-write: unavailable, and the write did not land', async () => {
    const user = await newUser();
    const release = await holding(`SELECT 1 FROM users WHERE id = '${user.id}' FOR UPDATE`);
    const write = answerOf(rig.store.updateUserProfile({ id: user.id, name: 'written' }));
    await killBackends(rig.admin, { waitingOnLock: true });
    expect(await write).toEqual({ ok: false, code: 'unavailable' });
    await release();
    await expectRecovered();
    expect((await rig.store.getUserById({ id: user.id })).name).toBe('');
  });

  it('mid-statement in a transaction, 4 times on a pool of 4: nothing half-written, no wedge', async () => {
    for (let round = 0; round < 4; round++) {
      const user = await newUser();
      const insertedName = name('tx');
      const release = await holding(`SELECT 1 FROM users WHERE id = '${user.id}' FOR UPDATE`);
      const tx = answerOf(
        rig.store.inTx(async (t) => {
          await t.insertUser({ email: `${insertedName}@example.com`, username: insertedName });
          await t.updateUserProfile({ id: user.id, name: 'written' });
        }),
      );
      await killBackends(rig.admin, { waitingOnLock: true });
      expect(await tx).toEqual({ ok: false, code: 'unavailable' });
      await release();
      expect(await exists(insertedName)).toBe(false);
    }
    await expectRecovered();
  });

  it('idle in a transaction, 4 times: the next statement answers unavailable, nothing lands', async () => {
    for (let round = 0; round < 4; round++) {
      const insertedName = name('idle');
      let proceed!: () => void;
      const go = new Promise<void>((resolve) => {
        proceed = resolve;
      });
      const tx = answerOf(
        rig.store.inTx(async (t) => {
          await t.insertUser({ email: `${insertedName}@example.com`, username: insertedName });
          await go; // idle in transaction while the backend is killed
          await t.listUsers({});
        }),
      );
      await killBackends(rig.admin, { state: 'idle in transaction' });
      await sleep(100);
      proceed();
      expect(await tx).toEqual({ ok: false, code: 'unavailable' });
      expect(await exists(insertedName)).toBe(false);
    }
    await expectRecovered();
  });

  it('in COMMIT: unavailable, and the transaction is all or nothing', async () => {
    const user = await newUser();
    const insertedName = name('commit');
    const tx = answerOf(
      rig.store.inTx(async (t) => {
        await t.insertUser({ email: `${insertedName}@example.com`, username: insertedName });
        await t.updateUserProfile({ id: user.id, name: 'slow-commit' });
      }),
    );
    await killBackends(rig.admin, { query: 'commit' });
    expect(await tx).toEqual({ ok: false, code: 'unavailable' });
    await expectRecovered();
    const inserted = await exists(insertedName);
    const updated = (await rig.store.getUserById({ id: user.id })).name === 'slow-commit';
    expect(inserted).toBe(updated);
  });

  it('idle pooled connections: the next calls answer (typed error or success), then all succeed', async () => {
    await Promise.all(Array.from({ length: 4 }, () => rig.store.listUsers({ limit: 1 })));
    await killBackends(rig.admin, { state: 'idle' });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => answerOf(rig.store.listUsers({ limit: 1 }))),
    );
    for (const answer of answers) {
      expect('hang' in answer).toBe(false);
      if ('code' in answer) expect(answer.code).toBe('unavailable');
    }
    await expectRecovered();
  });

  it('idle pooled connections killed five times over: no call waits forever (pipelined prepared statements)', async () => {
    for (let round = 0; round < 5; round++) {
      await Promise.all(Array.from({ length: 4 }, () => rig.store.listUsers({ limit: 1 })));
      await killBackends(rig.admin, { state: 'idle' });
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          answerOf<unknown>(i % 2 === 0 ? rig.store.listUsers({ limit: 5 }) : newUser()),
        ),
      );
      expect(answers.filter((answer) => 'hang' in answer)).toEqual([]);
      await expectRecovered();
    }
  }, 120_000);
});
