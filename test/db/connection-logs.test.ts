import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connectionLogs } from '../../db/schema/index.ts';
import {
  type AgentPlacement,
  createAgentPlacement,
  createConnectionLog,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

function event(p: AgentPlacement, connectionId: string) {
  return {
    connectionId,
    organizationId: p.organizationId,
    workspaceOwnerId: p.ownerId,
    workspaceId: p.workspaceId,
    workspaceName: p.workspaceName,
    agentName: 'main',
    type: 'ssh' as const,
  };
}

describe('connection logs', () => {
  it('upserts one row per connection: connect, then disconnect with code and reason', async () => {
    const p = await createAgentPlacement(ctx.db);
    const id = randomUUID();
    const t0 = new Date('2030-02-01T10:00:00Z');
    const t1 = new Date('2030-02-01T11:00:00Z');
    const opened = await ctx.store.upsertConnectionLog({
      ...event(p, id),
      event: 'connect',
      time: t0,
    });
    expect(opened).toMatchObject({ connectTime: t0, disconnectTime: null, code: null });
    const closed = await ctx.store.upsertConnectionLog({
      ...event(p, id),
      event: 'disconnect',
      time: t1,
      code: 0,
      disconnectReason: 'client closed',
    });
    expect(closed).toMatchObject({ id: opened.id, connectTime: t0, disconnectTime: t1, code: 0 });
    expect(await ctx.store.countConnectionLogs({ workspaceId: p.workspaceId })).toBe(1);
  });

  it('records a disconnect whose connect never arrived', async () => {
    const p = await createAgentPlacement(ctx.db);
    const t = new Date('2030-02-02T00:00:00Z');
    const row = await ctx.store.upsertConnectionLog({
      ...event(p, randomUUID()),
      event: 'disconnect',
      time: t,
      code: 1,
    });
    expect(row).toMatchObject({ connectTime: t, disconnectTime: t, code: 1 });
  });

  it('lists newest first with filters, paging, the where option and exact counts', async () => {
    const p = await createAgentPlacement(ctx.db);
    const other = await createAgentPlacement(ctx.db);
    const at = (h: number) => new Date(Date.UTC(2031, 0, 1, h));
    for (let h = 0; h < 4; h++) {
      await createConnectionLog(ctx.db, p, {
        connectTime: at(h),
        type: h === 1 ? 'vscode' : 'ssh',
      });
    }
    await createConnectionLog(ctx.db, other, { connectTime: at(2) });
    const page = await ctx.store.listConnectionLogs({
      workspaceOwnerId: p.ownerId,
      limit: 2,
      offset: 1,
    });
    expect(page.map((l) => l.connectTime)).toEqual([at(2), at(1)]);
    expect(
      await ctx.store.countConnectionLogs({ organizationId: p.organizationId, type: 'ssh' }),
    ).toBe(3);
    expect(
      await ctx.store.countConnectionLogs({
        workspaceOwnerId: p.ownerId,
        since: at(1),
        until: at(3),
      }),
    ).toBe(2);
    const where = eq(connectionLogs.type, 'vscode');
    expect(
      (await ctx.store.listConnectionLogs({ workspaceId: p.workspaceId }, { where })).map(
        (l) => l.connectTime,
      ),
    ).toEqual([at(1)]);
  });

  it('deletes logs older than a time', async () => {
    const p = await createAgentPlacement(ctx.db);
    await createConnectionLog(ctx.db, p, { connectTime: new Date('2001-01-01T00:00:00Z') });
    await createConnectionLog(ctx.db, p, { connectTime: new Date('2035-01-01T00:00:00Z') });
    expect(
      await ctx.store.deleteConnectionLogsOlderThan({ before: new Date('2002-01-01T00:00:00Z') }),
    ).toBe(1);
    expect(await ctx.store.countConnectionLogs({ workspaceId: p.workspaceId })).toBe(1);
  });

  it('rejects an unknown connection type', async () => {
    const p = await createAgentPlacement(ctx.db);
    await expect(
      ctx.store.upsertConnectionLog({
        ...event(p, randomUUID()),
        type: 'telnet' as 'ssh',
        event: 'connect',
        time: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'type' });
    expect(await ctx.store.countConnectionLogs({ workspaceId: p.workspaceId })).toBe(0);
  });
});
