import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { provisionerDaemons } from '../../db/schema/index.ts';
import {
  createOrganization,
  createProvisionerDaemon,
  createProvisionerJob,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('provisioner jobs', () => {
  it('inserts a pending job and gets it', async () => {
    const org = await createOrganization(ctx.db);
    const initiator = await ctx.store.insertUser({ email: 'pj@example.com', username: 'pj' });
    const job = await ctx.store.insertProvisionerJob({
      organizationId: org.id,
      initiatorId: initiator.id,
      type: 'workspace_build',
      tags: { scope: 'organization' },
    });
    expect(job).toMatchObject({ status: 'pending', provisioner: 'terraform', workerId: null });
    expect((await ctx.store.getProvisionerJobById({ id: job.id })).tags).toEqual({
      scope: 'organization',
    });
  });

  it('acquires the oldest pending job of the org once, then nothing', async () => {
    const org = await createOrganization(ctx.db);
    const daemon = await createProvisionerDaemon(ctx.db, { organizationId: org.id });
    const first = await createProvisionerJob(ctx.db, {
      organizationId: org.id,
      createdAt: new Date('2030-01-01T00:00:00Z'),
    });
    const second = await createProvisionerJob(ctx.db, {
      organizationId: org.id,
      createdAt: new Date('2030-01-02T00:00:00Z'),
    });
    await createProvisionerJob(ctx.db, { organizationId: org.id, provisioner: 'echo' });
    const input = { organizationId: org.id, workerId: daemon.id, provisioners: ['terraform'] };
    const a = await ctx.store.acquireProvisionerJob(input);
    expect(a).toMatchObject({ id: first.id, status: 'running', workerId: daemon.id });
    expect(a?.startedAt).toBeInstanceOf(Date);
    expect((await ctx.store.acquireProvisionerJob(input))?.id).toBe(second.id);
    expect(await ctx.store.acquireProvisionerJob(input)).toBeNull();
  });

  it('completes a running job as succeeded or failed, and only a running one', async () => {
    const org = await createOrganization(ctx.db);
    const daemon = await createProvisionerDaemon(ctx.db, { organizationId: org.id });
    const ok = await createProvisionerJob(ctx.db, {
      organizationId: org.id,
      status: 'running',
      workerId: daemon.id,
    });
    const bad = await createProvisionerJob(ctx.db, { organizationId: org.id, status: 'running' });
    const pending = await createProvisionerJob(ctx.db, { organizationId: org.id });
    expect(await ctx.store.completeProvisionerJob({ id: ok.id })).toMatchObject({
      status: 'succeeded',
      error: null,
    });
    expect(await ctx.store.completeProvisionerJob({ id: bad.id, error: 'boom' })).toMatchObject({
      status: 'failed',
      error: 'boom',
    });
    await expect(ctx.store.completeProvisionerJob({ id: pending.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('provisioner daemons', () => {
  it('applies the guard to an existing daemon only, inside the upsert', async () => {
    const org = await createOrganization(ctx.db);
    const refused = { where: sql`false` };
    const fresh = await ctx.store.upsertProvisionerDaemon(
      { organizationId: org.id, name: 'g1', tags: {} },
      refused,
    );
    expect(fresh.tags).toEqual({});
    await expect(
      ctx.store.upsertProvisionerDaemon(
        { organizationId: org.id, name: 'g1', tags: { scope: 'user' } },
        refused,
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const kept = await ctx.store.getProvisionerDaemonByOrganizationAndName({
      organizationId: org.id,
      name: 'g1',
    });
    expect([kept.id, kept.tags]).toEqual([fresh.id, {}]);
    const allowed = { where: sql`${provisionerDaemons.tags} = '{}'::jsonb` };
    const refreshed = await ctx.store.upsertProvisionerDaemon(
      { organizationId: org.id, name: 'g1', version: 'v9' },
      allowed,
    );
    expect([refreshed.id, refreshed.version]).toEqual([fresh.id, 'v9']);
  });

  it('upserts a daemon by (org, name) and lists daemons of an org', async () => {
    const org = await createOrganization(ctx.db);
    const a = await ctx.store.upsertProvisionerDaemon({
      organizationId: org.id,
      name: 'd1',
      version: '1.0',
    });
    const b = await ctx.store.upsertProvisionerDaemon({
      organizationId: org.id,
      name: 'd1',
      version: '1.1',
      provisioners: ['terraform', 'echo'],
    });
    expect(b.id).toBe(a.id);
    expect(b).toMatchObject({ version: '1.1', provisioners: ['terraform', 'echo'] });
    await ctx.store.upsertProvisionerDaemon({ organizationId: org.id, name: 'd0' });
    const listed = await ctx.store.listProvisionerDaemons({ organizationId: org.id });
    expect(listed.map((d) => d.name)).toEqual(['d0', 'd1']);
    expect(
      await ctx.store.listProvisionerDaemons({ organizationId: org.id, offset: 1 }),
    ).toHaveLength(1);
  });
});
