import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { boundaryLogs } from '../../db/schema/index.ts';
import {
  createAgentPlacement,
  createBoundaryLog,
  createBoundarySession,
  createBoundaryUsageStats,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('boundary logs', () => {
  it('inserts a session and a batch of logs owned by the given owner', async () => {
    const p = await createAgentPlacement(ctx.db);
    const { workspaceName: _, ...placement } = p;
    const session = await ctx.store.insertBoundarySession(placement);
    expect(session).toMatchObject({ ...placement, endedAt: null });
    const logs = await ctx.store.insertBoundaryLogs({
      ...placement,
      sessionId: session.id,
      logs: [
        { time: new Date('2030-01-01T00:00:00Z'), url: 'https://a.example/', allowed: true },
        {
          time: new Date('2030-01-01T00:00:01Z'),
          url: 'https://b.example/',
          allowed: false,
          matchedRule: 'deny *',
        },
      ],
    });
    expect(logs.map((l) => [l.ownerId, l.allowed])).toEqual([
      [p.ownerId, true],
      [p.ownerId, false],
    ]);
  });

  it('rejects an empty batch and a batch with a bad entry, writing nothing', async () => {
    const { workspaceName: _, ...placement } = await createAgentPlacement(ctx.db);
    const count = async () =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(boundaryLogs))[0]!.n;
    const before = await count();
    await expect(ctx.store.insertBoundaryLogs({ ...placement, logs: [] })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'logs',
    });
    await expect(
      ctx.store.insertBoundaryLogs({
        ...placement,
        logs: [
          { time: new Date(), url: 'https://ok/', allowed: true },
          { time: new Date(), url: '', allowed: true },
        ],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'logs.1.url' });
    expect(await count()).toBe(before);
  });

  it('lists newest first with owner/time filters, the where option and exact counts', async () => {
    const p = await createAgentPlacement(ctx.db);
    const other = await createAgentPlacement(ctx.db);
    await createBoundarySession(ctx.db, p);
    const at = (m: number) => new Date(Date.UTC(2031, 0, 1, 0, m));
    for (let m = 0; m < 5; m++)
      await createBoundaryLog(ctx.db, p, { time: at(m), allowed: m % 2 === 0 });
    await createBoundaryLog(ctx.db, other, { time: at(2) });
    const mine = await ctx.store.listBoundaryLogs({ ownerId: p.ownerId, limit: 2, offset: 1 });
    expect(mine.map((l) => l.time)).toEqual([at(3), at(2)]);
    expect(
      await ctx.store.countBoundaryLogs({ ownerId: p.ownerId, since: at(1), until: at(4) }),
    ).toBe(3);
    const where = eq(boundaryLogs.allowed, false);
    expect(
      (await ctx.store.listBoundaryLogs({ ownerId: p.ownerId }, { where })).map((l) => l.time),
    ).toEqual([at(3), at(1)]);
    expect(await ctx.store.countBoundaryLogs({ organizationId: other.organizationId })).toBe(1);
  });

  it('deletes logs older than a time and reports how many went', async () => {
    const p = await createAgentPlacement(ctx.db);
    await createBoundaryLog(ctx.db, p, { time: new Date('2001-01-01T00:00:00Z') });
    await createBoundaryLog(ctx.db, p, { time: new Date('2001-01-02T00:00:00Z') });
    await createBoundaryLog(ctx.db, p, { time: new Date('2035-01-01T00:00:00Z') });
    expect(
      await ctx.store.deleteBoundaryLogsOlderThan({ before: new Date('2002-01-01T00:00:00Z') }),
    ).toBe(2);
    expect(await ctx.store.countBoundaryLogs({ workspaceId: p.workspaceId })).toBe(1);
  });

  it('refuses a session of another agent or a missing one as not_found, writing nothing', async () => {
    const { workspaceName: _a, ...mine } = await createAgentPlacement(ctx.db);
    const theirs = await createAgentPlacement(ctx.db);
    const foreign = await createBoundarySession(ctx.db, theirs);
    const logs = [{ time: new Date('2030-01-01T00:00:00Z'), url: 'https://x/', allowed: true }];
    for (const sessionId of [foreign.id, randomUUID()]) {
      await expect(
        ctx.store.insertBoundaryLogs({ ...mine, sessionId, logs }),
      ).rejects.toMatchObject({ code: 'not_found', entity: 'boundary session' });
    }
    expect(await ctx.store.countBoundaryLogs({ workspaceId: mine.workspaceId })).toBe(0);
    expect(await ctx.store.countBoundaryLogs({ workspaceId: theirs.workspaceId })).toBe(0);
  });

  it('deletes sessions ended, or open and started, before a time; their logs keep no session', async () => {
    const p = await createAgentPlacement(ctx.db);
    const ended = await createBoundarySession(ctx.db, p);
    const open = await createBoundarySession(ctx.db, p);
    const endedLate = await createBoundarySession(ctx.db, p);
    await ctx.db.execute(
      sql`UPDATE boundary_sessions SET started_at = '2001-01-01', ended_at = '2001-01-02' WHERE id = ${ended.id}`,
    );
    await ctx.db.execute(
      sql`UPDATE boundary_sessions SET started_at = '2001-01-01' WHERE id = ${open.id}`,
    );
    await ctx.db.execute(
      sql`UPDATE boundary_sessions SET started_at = '2001-01-01', ended_at = '2003-01-01' WHERE id = ${endedLate.id}`,
    );
    const log = await createBoundaryLog(ctx.db, p, { sessionId: ended.id });
    const before = new Date('2002-01-01T00:00:00Z');
    expect(await ctx.store.deleteBoundarySessionsOlderThan({ before })).toBe(2);
    const [kept] = await ctx.db.select().from(boundaryLogs).where(eq(boundaryLogs.id, log.id));
    expect(kept?.sessionId).toBeNull();
    expect(await ctx.store.deleteBoundarySessionsOlderThan({ before })).toBe(0);
  });
});

describe('boundary usage stats', () => {
  it('sums every replica row, replaces unique counts and adds request deltas', async () => {
    await ctx.store.resetBoundaryUsageStats({});
    expect(await ctx.store.getBoundaryUsageSummary({})).toEqual({
      replicas: 0,
      uniqueWorkspacesCount: 0,
      uniqueUsersCount: 0,
      allowedRequests: 0,
      deniedRequests: 0,
    });
    const [r1, r2] = [randomUUID(), randomUUID()];
    await ctx.store.upsertBoundaryUsageStats({
      replicaId: r1,
      uniqueWorkspacesCount: 2,
      uniqueUsersCount: 1,
      allowedRequests: 10,
      deniedRequests: 1,
    });
    const again = await ctx.store.upsertBoundaryUsageStats({
      replicaId: r1,
      uniqueWorkspacesCount: 3,
      uniqueUsersCount: 2,
      allowedRequests: 5,
      deniedRequests: 0,
    });
    expect(again).toMatchObject({
      uniqueWorkspacesCount: 3,
      uniqueUsersCount: 2,
      allowedRequests: 15,
      deniedRequests: 1,
    });
    await createBoundaryUsageStats(ctx.db, {
      replicaId: r2,
      uniqueWorkspacesCount: 4,
      uniqueUsersCount: 3,
      allowedRequests: 100,
      deniedRequests: 7,
    });
    await createBoundaryUsageStats(ctx.db, { allowedRequests: 1 });
    expect(await ctx.store.getBoundaryUsageSummary({})).toEqual({
      replicas: 3,
      uniqueWorkspacesCount: 7,
      uniqueUsersCount: 5,
      allowedRequests: 116,
      deniedRequests: 8,
    });
    expect(await ctx.store.deleteBoundaryUsageStatsByReplica({ replicaId: r2 })).toBe(1);
    expect((await ctx.store.getBoundaryUsageSummary({})).allowedRequests).toBe(16);
    expect(await ctx.store.resetBoundaryUsageStats({})).toBe(2);
    expect((await ctx.store.getBoundaryUsageSummary({})).replicas).toBe(0);
  });

  it('rejects negative counters and unexpected summary arguments', async () => {
    await expect(
      ctx.store.upsertBoundaryUsageStats({
        replicaId: randomUUID(),
        uniqueWorkspacesCount: -1,
        uniqueUsersCount: 0,
        allowedRequests: 0,
        deniedRequests: 0,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'uniqueWorkspacesCount' });
    await expect(
      ctx.store.getBoundaryUsageSummary({ replicaId: 'x' } as unknown as Record<string, never>),
    ).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
