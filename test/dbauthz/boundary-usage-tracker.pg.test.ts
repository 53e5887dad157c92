import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createBoundaryUsageTracker } from '../../src/dbauthz/boundary-usage-tracker.ts';
import { databaseForFile } from '../support/database-fixture.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
});
beforeEach(async () => {
  await raw.resetBoundaryUsageStats({});
});

const usage = (allowedRequests: number, deniedRequests: number) => ({
  workspaceId: randomUUID(),
  ownerId: randomUUID(),
  allowedRequests,
  deniedRequests,
});

/** A replica: its own client (two connections), store and tracker, as a separate process has. */
function startReplica(flushIntervalMs: number) {
  const client = postgres(database.url, { max: 2, onnotice: () => {} });
  const replicaStore = createAuthorizedStore(createRawStore(createDatabase(client)));
  const errors: unknown[] = [];
  const tracker = createBoundaryUsageTracker({
    store: replicaStore,
    replicaId: randomUUID(),
    flushIntervalMs,
    onError: (error) => errors.push(error),
  });
  return { client, store: replicaStore, tracker, errors };
}

describe('boundary usage tracker', () => {
  it('keeps totals exact across concurrent replicas interleaved with get-and-reset calls', async () => {
    const replicas = Array.from({ length: 6 }, () => startReplica(3));
    const reporter = startReplica(60_000);
    const recorded = { allowed: 0, denied: 0 };
    const reported = { allowed: 0, denied: 0, calls: 0, nonEmpty: 0 };
    let done = false;
    const reporting = (async () => {
      while (!done) {
        const summary = await reporter.store
          .asBoundaryUsageTracker()
          .getAndResetBoundaryUsageSummary({});
        reported.allowed += summary.allowedRequests;
        reported.denied += summary.deniedRequests;
        reported.calls += 1;
        if (summary.replicas > 0) reported.nonEmpty += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      await Promise.all(
        replicas.map(async ({ tracker }, r) => {
          for (let round = 0; round < 60; round++) {
            const allowed = (round % 7) + r;
            const denied = round % 3;
            tracker.track(usage(allowed, denied));
            recorded.allowed += allowed;
            recorded.denied += denied;
            if (round % 4 === 0) await tracker.flush();
            else await new Promise((resolve) => setTimeout(resolve, 1));
          }
        }),
      );
      await Promise.all(replicas.map(({ tracker }) => tracker.close()));
    } finally {
      done = true;
      await reporting;
    }
    const remaining = await store.asBoundaryUsageTracker().getAndResetBoundaryUsageSummary({});
    await Promise.all([...replicas, reporter].map(({ client }) => client.end({ timeout: 5 })));

    expect(replicas.flatMap((replica) => replica.errors)).toEqual([]);
    expect(reported.nonEmpty).toBeGreaterThan(1); // the resets really did interleave with flushes
    expect(reported.allowed + remaining.allowedRequests).toBe(recorded.allowed);
    expect(reported.denied + remaining.deniedRequests).toBe(recorded.denied);
    expect((await raw.getBoundaryUsageSummary({})).replicas).toBe(0);
  });

  it('flushes on its interval without being asked', async () => {
    const tracker = createBoundaryUsageTracker({
      store,
      replicaId: randomUUID(),
      flushIntervalMs: 5,
    });
    tracker.track(usage(4, 2));
    await vi.waitFor(async () => {
      expect(await raw.getBoundaryUsageSummary({})).toMatchObject({
        replicas: 1,
        uniqueWorkspacesCount: 1,
        uniqueUsersCount: 1,
        allowedRequests: 4,
        deniedRequests: 2,
      });
    });
    await tracker.close();
  });

  it('flushes what is left at close and refuses to track afterwards', async () => {
    const tracker = createBoundaryUsageTracker({ store, replicaId: randomUUID() });
    tracker.track(usage(7, 1));
    tracker.track(usage(3, 0));
    expect((await raw.getBoundaryUsageSummary({})).replicas).toBe(0); // nothing written yet
    await tracker.close();
    expect(await raw.getBoundaryUsageSummary({})).toMatchObject({
      replicas: 1,
      uniqueWorkspacesCount: 2,
      allowedRequests: 10,
      deniedRequests: 1,
    });
    expect(() => tracker.track(usage(1, 0))).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  it('keeps the counts of a failed flush for the next one', async () => {
    let failNext = true;
    const flaky: RawStore = {
      ...raw,
      // An application's wrapper around the raw query, keeping its input schema.
      upsertBoundaryUsageStats: Object.assign(
        (input: Parameters<RawStore['upsertBoundaryUsageStats']>[0]) => {
          if (failNext) {
            failNext = false;
            return Promise.reject(new Error('connection lost'));
          }
          return raw.upsertBoundaryUsageStats(input);
        },
        { input: raw.upsertBoundaryUsageStats.input },
      ) as RawStore['upsertBoundaryUsageStats'],
    };
    const tracker = createBoundaryUsageTracker({
      store: createAuthorizedStore(flaky),
      replicaId: randomUUID(),
    });
    tracker.track(usage(5, 1));
    await expect(tracker.flush()).rejects.toThrow('connection lost');
    tracker.track(usage(2, 0));
    await tracker.close();
    expect(await raw.getBoundaryUsageSummary({})).toMatchObject({
      replicas: 1,
      allowedRequests: 7,
      deniedRequests: 1,
    });
  });

  it('refuses a negative or fractional count before anything is recorded', async () => {
    const tracker = createBoundaryUsageTracker({ store, replicaId: randomUUID() });
    expect(() => tracker.track(usage(-1, 0))).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'allowedRequests' }),
    );
    expect(() => tracker.track(usage(1, 0.5))).toThrow(
      expect.objectContaining({ code: 'invalid_input', field: 'deniedRequests' }),
    );
    await tracker.close();
    expect((await raw.getBoundaryUsageSummary({})).replicas).toBe(0);
  });

  it('starts a new period of unique counts after a get-and-reset', async () => {
    const tracker = createBoundaryUsageTracker({ store, replicaId: randomUUID() });
    tracker.track(usage(1, 0));
    tracker.track(usage(1, 0));
    await tracker.flush();
    const first = await store.asBoundaryUsageTracker().getAndResetBoundaryUsageSummary({});
    expect(first).toMatchObject({ replicas: 1, uniqueWorkspacesCount: 2, allowedRequests: 2 });
    tracker.track(usage(1, 0));
    await tracker.flush(); // inserts a fresh row: a new period, so the old ids are dropped
    tracker.track(usage(1, 0));
    await tracker.close();
    expect(await raw.getBoundaryUsageSummary({})).toMatchObject({
      replicas: 1,
      uniqueWorkspacesCount: 1,
      allowedRequests: 2,
    });
  });
});
