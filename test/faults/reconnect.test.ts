import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import { answerOf, type FaultRig, recovered, startFaultRig } from './fault-harness.ts';

let rig: FaultRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Eight concurrent reads that must all succeed. */
async function batch(store: FaultRig['store']) {
  await Promise.all(Array.from({ length: 8 }, () => store.countUsers({})));
}

describe('reconnecting after the server comes back', () => {
  it('an outage of many refused connects does not make the pool wait long once the server is back', async () => {
    rig = await startFaultRig();
    const { store, server } = rig;
    await batch(store);
    await server.stop('immediate');
    // About a second of refused connects under load: postgres.js's default backoff alone would
    // then wait 10-20 s before each connection tries again.
    const began = performance.now();
    let refused = 0;
    while (performance.now() - began < 1_000) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => answerOf(store.countUsers({}))),
      );
      refused += answers.filter((a) => 'code' in a && a.code === 'unavailable').length;
      await sleep(20);
    }
    expect(refused).toBeGreaterThanOrEqual(8);
    await server.start();
    const back = performance.now();
    await recovered(() => batch(store));
    // A bound, not a speed claim: the capped backoff waits under a second between attempts.
    expect(performance.now() - back).toBeLessThan(5_000);
  });

  it('a call that times out while its connection waits to reconnect leaves that connection usable', async () => {
    rig = await startFaultRig();
    // A pool of one whose reconnect waits 2 s: the call below is the connection's first query
    // while it waits, and its deadline passes before the connection is up.
    const client = postgres(rig.server.url, { max: 1, backoff: () => 2, onnotice: () => {} });
    try {
      const store = createRawStore(createDatabase(client));
      await store.countUsers({});
      await rig.server.stop('immediate');
      await expect(store.countUsers({})).rejects.toMatchObject({ code: 'unavailable' });
      await rig.server.start();
      await expect(store.countUsers({}, { timeoutMs: 200 })).rejects.toMatchObject({
        code: 'timeout',
      });
      expect(await store.countUsers({}, { timeoutMs: 8_000 })).toBeGreaterThanOrEqual(0);
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});
