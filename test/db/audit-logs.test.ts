import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLogs } from '../../db/schema/index.ts';
import { createAuditLog } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('audit logs', () => {
  it('inserts an entry with defaults', async () => {
    const resourceId = randomUUID();
    const row = await ctx.store.insertAuditLog({
      action: 'write',
      resourceType: 'template',
      resourceId,
      statusCode: 200,
      diff: { name: { old: 'a', new: 'b' } },
    });
    expect(row).toMatchObject({
      action: 'write',
      resourceId,
      organizationId: null,
      resourceTarget: '',
    });
    expect(row.diff).toEqual({ name: { old: 'a', new: 'b' } });
  });

  it('rejects an impossible status code', async () => {
    await expect(
      ctx.store.insertAuditLog({
        action: 'create',
        resourceType: 'user',
        resourceId: randomUUID(),
        statusCode: 42,
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'statusCode' });
  });

  it('lists newest first with filters, paging, the where option and exact counts', async () => {
    const org = randomUUID();
    const user = randomUUID();
    const at = (d: number) => new Date(Date.UTC(2032, 0, d));
    for (let d = 1; d <= 4; d++) {
      await createAuditLog(ctx.db, {
        organizationId: org,
        userId: d === 2 ? user : null,
        time: at(d),
        action: d === 3 ? 'delete' : 'create',
      });
    }
    await createAuditLog(ctx.db, { time: at(2) });
    const page = await ctx.store.listAuditLogs({ organizationId: org, limit: 2, offset: 1 });
    expect(page.map((l) => l.time)).toEqual([at(3), at(2)]);
    expect(await ctx.store.countAuditLogs({ organizationId: org })).toBe(4);
    expect(await ctx.store.countAuditLogs({ organizationId: org, action: 'delete' })).toBe(1);
    expect((await ctx.store.listAuditLogs({ userId: user })).map((l) => l.time)).toEqual([at(2)]);
    expect(
      await ctx.store.countAuditLogs({ organizationId: org, since: at(2), until: at(4) }),
    ).toBe(2);
    const where = eq(auditLogs.action, 'create');
    expect(await ctx.store.countAuditLogs({ organizationId: org }, { where })).toBe(3);
    expect(
      (await ctx.store.listAuditLogs({ organizationId: org, offset: 2 }, { where })).map(
        (l) => l.time,
      ),
    ).toEqual([at(1)]);
  });
});
