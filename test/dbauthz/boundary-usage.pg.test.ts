import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';
import { databaseForFile } from '../support/database-fixture.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;

const replicaA = randomUUID();
const replicaB = randomUUID();
const flush = (replicaId: string, allowedRequests: number, deniedRequests = 0) => ({
  replicaId,
  uniqueWorkspacesCount: 2,
  uniqueUsersCount: 1,
  allowedRequests,
  deniedRequests,
});
const isForbidden = (promise: Promise<unknown>) =>
  promise.then(
    () => false,
    (error: unknown) => error instanceof ForbiddenError,
  );

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
});

describe('boundary usage through the authorized store', () => {
  it('lets the usage tracker record flushes and read a summary summed over replicas', async () => {
    const tracker = store.asBoundaryUsageTracker();
    await tracker.upsertBoundaryUsageStats(flush(replicaA, 5, 1));
    await tracker.upsertBoundaryUsageStats(flush(replicaA, 3));
    await tracker.upsertBoundaryUsageStats(flush(replicaB, 10, 2));
    expect(await tracker.getBoundaryUsageSummary({})).toEqual({
      replicas: 2,
      uniqueWorkspacesCount: 4,
      uniqueUsersCount: 2,
      allowedRequests: 18,
      deniedRequests: 3,
    });
  });

  it('refuses every boundary usage method to a site owner, an auditor and other system actors', async () => {
    const owner = store.as({
      id: randomUUID(),
      roles: ['owner', 'member'],
      groups: [],
      scope: 'coder:all',
    });
    const auditor = store.as({
      id: randomUUID(),
      roles: ['auditor'],
      groups: [],
      scope: 'coder:all',
    });
    for (const actor of [owner, auditor, store.asSystemRestricted(), store.asDBPurge()]) {
      const refused = await Promise.all([
        isForbidden(actor.upsertBoundaryUsageStats(flush(replicaA, 100))),
        isForbidden(actor.getBoundaryUsageSummary({})),
        isForbidden(actor.resetBoundaryUsageStats({})),
        isForbidden(actor.deleteBoundaryUsageStatsByReplica({ replicaId: replicaA })),
      ]);
      expect(refused).toEqual([true, true, true, true]);
    }
    expect((await raw.getBoundaryUsageSummary({})).allowedRequests).toBe(18);
  });

  it('lets the usage tracker drop a departed replica and then reset the rest', async () => {
    const tracker = store.asBoundaryUsageTracker();
    expect(await tracker.deleteBoundaryUsageStatsByReplica({ replicaId: replicaB })).toBe(1);
    expect(await tracker.getBoundaryUsageSummary({})).toMatchObject({
      replicas: 1,
      allowedRequests: 8,
    });
    expect(await tracker.resetBoundaryUsageStats({})).toBe(1);
    expect((await raw.getBoundaryUsageSummary({})).replicas).toBe(0);
  });

  it('gets and resets the summary in one call, for the usage tracker only', async () => {
    await raw.resetBoundaryUsageStats({});
    const tracker = store.asBoundaryUsageTracker();
    await tracker.upsertBoundaryUsageStats(flush(replicaA, 4, 1));
    await tracker.upsertBoundaryUsageStats(flush(replicaB, 6));
    const auditor = store.as({
      id: randomUUID(),
      roles: ['auditor'],
      groups: [],
      scope: 'coder:all',
    });
    for (const actor of [auditor, store.asDBPurge(), store.asSystemRestricted()]) {
      expect(await isForbidden(actor.getAndResetBoundaryUsageSummary({}))).toBe(true);
    }
    expect((await raw.getBoundaryUsageSummary({})).allowedRequests).toBe(10);
    expect(await tracker.getAndResetBoundaryUsageSummary({})).toEqual({
      replicas: 2,
      uniqueWorkspacesCount: 4,
      uniqueUsersCount: 2,
      allowedRequests: 10,
      deniedRequests: 1,
    });
    expect(await tracker.getAndResetBoundaryUsageSummary({})).toEqual({
      replicas: 0,
      uniqueWorkspacesCount: 0,
      uniqueUsersCount: 0,
      allowedRequests: 0,
      deniedRequests: 0,
    });
  });

  it('loses no flush that lands while a get-and-reset runs', async () => {
    await raw.resetBoundaryUsageStats({});
    const tracker = store.asBoundaryUsageTracker();
    let reported = 0;
    const flushes = Array.from({ length: 40 }, (_, i) =>
      tracker.upsertBoundaryUsageStats(flush(i % 2 === 0 ? replicaA : replicaB, 1)),
    );
    const resets = Array.from({ length: 10 }, async () => {
      const summary = await tracker.getAndResetBoundaryUsageSummary({});
      reported += summary.allowedRequests;
    });
    await Promise.all([...flushes, ...resets]);
    const remaining = await tracker.getAndResetBoundaryUsageSummary({});
    reported += remaining.allowedRequests;
    expect(reported).toBe(40);
  });
});
