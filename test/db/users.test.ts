import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('users', () => {
  it('inserts a user with defaults and drops the implied member role', async () => {
    const user = await ctx.store.insertUser({
      email: 'ada@example.com',
      username: 'ada',
      rbacRoles: ['member', 'auditor', 'auditor'],
    });
    expect(user).toMatchObject({ username: 'ada', status: 'active', isSystem: false, name: '' });
    expect(user.rbacRoles).toEqual(['auditor']);
  });

  it('gets a user by id and by username case-insensitively', async () => {
    const user = await createUser(ctx.db, { username: 'Grace' });
    expect((await ctx.store.getUserById({ id: user.id })).username).toBe('Grace');
    expect((await ctx.store.getUserByUsername({ username: 'grace' })).id).toBe(user.id);
  });

  it('throws not_found for a missing user and invalid_input for a bad id', async () => {
    await expect(
      ctx.store.getUserById({ id: '00000000-0000-4000-8000-000000000000' }),
    ).rejects.toMatchObject({ code: 'not_found', entity: 'user' });
    await expect(ctx.store.getUserById({ id: 'nope' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'id',
    });
  });

  it('rejects a second user with the same username in other case as a conflict', async () => {
    await createUser(ctx.db, { username: 'linus' });
    await expect(
      ctx.store.insertUser({ email: 'l2@example.com', username: 'LINUS' }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'users_username_lower_idx' });
  });

  it('writes nothing on bad input', async () => {
    const before = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
    await expect(
      ctx.store.insertUser({ email: 'not-an-email', username: 'valid-name' }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'email' });
    const after = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('updates profile, status and site roles', async () => {
    const user = await createUser(ctx.db);
    const renamed = await ctx.store.updateUserProfile({ id: user.id, name: 'New Name' });
    expect(renamed).toMatchObject({ name: 'New Name', username: user.username });
    expect((await ctx.store.updateUserStatus({ id: user.id, status: 'suspended' })).status).toBe(
      'suspended',
    );
    const roles = await ctx.store.updateUserRoles({ id: user.id, roles: ['owner', 'member'] });
    expect(roles.rbacRoles).toEqual(['owner']);
    await expect(
      ctx.store.updateUserStatus({ id: '00000000-0000-4000-8000-000000000001', status: 'active' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists and counts users with search, status and paging, excluding deleted users', async () => {
    const tag = `zeta${Date.now()}`;
    const names = ['a', 'b', 'c', 'd'].map((x) => `${tag}-${x}`);
    for (const username of names) await createUser(ctx.db, { username });
    await createUser(ctx.db, { username: `${tag}-e`, status: 'dormant' });
    const gone = await createUser(ctx.db, { username: `${tag}-f` });
    await ctx.db.update(users).set({ deleted: true }).where(eq(users.id, gone.id));

    const page = await ctx.store.listUsers({ search: tag, status: 'active', limit: 2, offset: 1 });
    expect(page.map((u) => u.username)).toEqual([names[1], names[2]]);
    expect(await ctx.store.countUsers({ search: tag })).toBe(5);
    expect(await ctx.store.countUsers({ search: tag, status: 'dormant' })).toBe(1);
  });

  it('narrows lists with the where option while paging stays exact', async () => {
    const tag = `eta${Date.now()}`;
    for (const x of ['a', 'b', 'c', 'd', 'e']) {
      await createUser(ctx.db, { username: `${tag}-${x}`, name: x < 'c' ? 'skip' : 'keep' });
    }
    const where = eq(users.name, 'keep');
    const page = await ctx.store.listUsers({ search: tag, limit: 2, offset: 1 }, { where });
    expect(page.map((u) => u.username)).toEqual([`${tag}-d`, `${tag}-e`]);
    expect(await ctx.store.countUsers({ search: tag }, { where })).toBe(3);
    expect(await ctx.store.countUsers({ search: tag }, { where: sql`false` })).toBe(0);
  });

  it('treats LIKE wildcards in the search literally', async () => {
    await createUser(ctx.db, { username: 'percent-user' });
    expect(await ctx.store.countUsers({ search: '%' })).toBe(0);
  });

  it('has the prebuilds system user after migration', async () => {
    const user = await ctx.store.getUserById({ id: 'c42fdf75-3097-471c-8c33-fb52454d81c0' });
    expect(user).toMatchObject({ username: 'prebuilds', isSystem: true, rbacRoles: [] });
    const humans = await ctx.store.listUsers({ search: 'prebuilds', includeSystem: false });
    expect(humans).toEqual([]);
  });
});
