import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { provisionerDaemons } from '../../db/schema/index.ts';
import {
  createOrganization,
  createProvisionerDaemon,
  createUser,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();
const userScoped = (owner: string) => ({ scope: 'user', owner });

describe('provisioner daemon key: org, name and owner (as Coder)', () => {
  it('upserts a second daemon of the same owner and name into the same row', async () => {
    const org = await createOrganization(ctx.db);
    const alice = await createUser(ctx.db);
    const first = await ctx.store.upsertProvisionerDaemon({
      organizationId: org.id,
      name: 'laptop',
      tags: userScoped(alice.id),
      version: 'v1',
    });
    const again = await ctx.store.upsertProvisionerDaemon({
      organizationId: org.id,
      name: 'laptop',
      tags: userScoped(alice.id.toUpperCase()),
      version: 'v2',
    });
    expect([again.id, again.version, again.tags.owner]).toEqual([
      first.id,
      'v2',
      alice.id.toUpperCase(),
    ]);
    const listed = await ctx.store.listProvisionerDaemons({ organizationId: org.id });
    expect(listed).toEqual([again]);
    expect([again.createdAt, again.lastSeenAt]).toEqual([expect.any(Date), expect.any(Date)]);
  });

  it('lets two owners, and the org, each have a daemon of one name', async () => {
    const org = await createOrganization(ctx.db);
    const [alice, bob] = [await createUser(ctx.db), await createUser(ctx.db)];
    const key = { organizationId: org.id, name: 'shared' };
    const orgWide = await ctx.store.upsertProvisionerDaemon(key);
    const alices = await ctx.store.upsertProvisionerDaemon({ ...key, tags: userScoped(alice.id) });
    const bobs = await ctx.store.upsertProvisionerDaemon({ ...key, tags: userScoped(bob.id) });
    expect(new Set([orgWide.id, alices.id, bobs.id]).size).toBe(3);
    expect((await ctx.store.getProvisionerDaemonByOrganizationAndName(key)).id).toBe(orgWide.id);
    const byOwner = await ctx.store.getProvisionerDaemonByOrganizationAndName({
      ...key,
      owner: bob.id,
    });
    expect(byOwner.id).toBe(bobs.id);
    const other = await createOrganization(ctx.db);
    const elsewhere = await ctx.store.upsertProvisionerDaemon({ ...key, organizationId: other.id });
    expect(elsewhere.id).not.toBe(orgWide.id);
  });

  it('is enforced by a unique index: a direct second insert of the same key conflicts', async () => {
    const org = await createOrganization(ctx.db);
    const tags = { owner: 'Someone' };
    await createProvisionerDaemon(ctx.db, { organizationId: org.id, name: 'dup', tags });
    await expect(
      createProvisionerDaemon(ctx.db, {
        organizationId: org.id,
        name: 'dup',
        tags: { owner: 'someone' },
      }),
    ).rejects.toMatchObject({
      cause: { constraint_name: 'provisioner_daemons_org_name_owner_key' },
    });
  });
});

describe('updateProvisionerDaemonLastSeenAt', () => {
  it('sets last_seen_at and never moves it backwards', async () => {
    const daemon = await createProvisionerDaemon(ctx.db, { lastSeenAt: null });
    const t1 = new Date('2026-05-01T12:00:00Z');
    const seen = await ctx.store.updateProvisionerDaemonLastSeenAt({
      id: daemon.id,
      lastSeenAt: t1,
    });
    expect(seen.lastSeenAt).toEqual(t1);
    const earlier = await ctx.store.updateProvisionerDaemonLastSeenAt({
      id: daemon.id,
      lastSeenAt: new Date('2026-04-01T00:00:00Z'),
    });
    expect(earlier.lastSeenAt).toEqual(t1);
    const t2 = new Date('2026-05-01T12:00:30Z');
    const later = await ctx.store.updateProvisionerDaemonLastSeenAt({
      id: daemon.id,
      lastSeenAt: t2,
    });
    expect(later.lastSeenAt).toEqual(t2);
  });

  it('is not_found for a missing daemon or one the guard excludes, and then writes nothing', async () => {
    const daemon = await createProvisionerDaemon(ctx.db, { lastSeenAt: null });
    const lastSeenAt = new Date('2026-05-01T00:00:00Z');
    await expect(
      ctx.store.updateProvisionerDaemonLastSeenAt({
        id: '00000000-0000-4000-8000-000000000000',
        lastSeenAt,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      ctx.store.updateProvisionerDaemonLastSeenAt(
        { id: daemon.id, lastSeenAt },
        { where: sql`${provisionerDaemons.tags} ->> 'scope' = 'user'` },
      ),
    ).rejects.toMatchObject({ code: 'not_found' });
    const [row] = await ctx.db
      .select({ lastSeenAt: provisionerDaemons.lastSeenAt })
      .from(provisionerDaemons)
      .where(sql`${provisionerDaemons.id} = ${daemon.id}`);
    expect(row?.lastSeenAt).toBeNull();
  });
});
