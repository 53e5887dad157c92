import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { userSecrets } from '../../db/schema/index.ts';
import { createUser, createUserSecret } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('user secrets', () => {
  it('creates a secret and gets it by name with its value', async () => {
    const user = await createUser(ctx.db);
    const secret = await ctx.store.createUserSecret({
      userId: user.id,
      name: 'github',
      value: 'ghp_x',
      envName: 'GITHUB_TOKEN',
    });
    expect(secret).toMatchObject({
      name: 'github',
      value: 'ghp_x',
      envName: 'GITHUB_TOKEN',
      filePath: null,
    });
    expect((await ctx.store.getUserSecretByName({ userId: user.id, name: 'github' })).value).toBe(
      'ghp_x',
    );
  });

  it('keeps name, env name and file path unique per user, but only when set', async () => {
    const [me, other] = [await createUser(ctx.db), await createUser(ctx.db)];
    await createUserSecret(ctx.db, {
      userId: me.id,
      name: 'a',
      envName: 'TOKEN',
      filePath: '~/.token',
    });
    await expect(
      ctx.store.createUserSecret({ userId: me.id, name: 'a', value: 'v' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      constraint: 'user_secrets_user_id_name_key',
    });
    await expect(
      ctx.store.createUserSecret({ userId: me.id, name: 'b', value: 'v', envName: 'TOKEN' }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'user_secrets_user_id_env_name_idx' });
    await expect(
      ctx.store.createUserSecret({ userId: me.id, name: 'c', value: 'v', filePath: '~/.token' }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'user_secrets_user_id_file_path_idx' });
    // Unset env name / file path never clash; another user may reuse all three.
    await ctx.store.createUserSecret({ userId: me.id, name: 'd', value: 'v' });
    await ctx.store.createUserSecret({ userId: me.id, name: 'e', value: 'v' });
    await ctx.store.createUserSecret({
      userId: other.id,
      name: 'a',
      value: 'v',
      envName: 'TOKEN',
      filePath: '~/.token',
    });
    expect(await ctx.store.countUserSecrets({ userId: me.id })).toBe(3);
  });

  it('rejects a bad env name before writing', async () => {
    const user = await createUser(ctx.db);
    await expect(
      ctx.store.createUserSecret({ userId: user.id, name: 'x', value: 'v', envName: '1BAD' }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'envName' });
    const rows = await ctx.db.select().from(userSecrets).where(eq(userSecrets.userId, user.id));
    expect(rows).toEqual([]);
  });

  it('lists mine without values, and with values only through the dedicated query', async () => {
    const [me, other] = [await createUser(ctx.db), await createUser(ctx.db)];
    await createUserSecret(ctx.db, { userId: me.id, name: 'b', value: 'vb' });
    await createUserSecret(ctx.db, { userId: me.id, name: 'a', value: 'va' });
    await createUserSecret(ctx.db, { userId: other.id, name: 'z', value: 'vz' });
    const mine = await ctx.store.listUserSecrets({ userId: me.id });
    expect(mine.map((s) => s.name)).toEqual(['a', 'b']);
    for (const s of mine) expect(Object.keys(s)).not.toContain('value');
    const withValues = await ctx.store.listUserSecretsWithValues({ userId: me.id });
    expect(withValues.map((s) => [s.name, s.value])).toEqual([
      ['a', 'va'],
      ['b', 'vb'],
    ]);
    expect(
      await ctx.store.listUserSecrets({ userId: me.id, offset: 1 }, { where: sql`true` }),
    ).toHaveLength(1);
    expect(
      await ctx.store.listUserSecretsWithValues({ userId: me.id }, { where: sql`false` }),
    ).toEqual([]);
  });

  it('updates value and unsets env name, then deletes', async () => {
    const user = await createUser(ctx.db);
    await createUserSecret(ctx.db, { userId: user.id, name: 's', envName: 'S', value: 'old' });
    const updated = await ctx.store.updateUserSecret({
      userId: user.id,
      name: 's',
      value: 'new',
      envName: null,
    });
    expect(updated).toMatchObject({ value: 'new', envName: null });
    await ctx.store.deleteUserSecret({ userId: user.id, name: 's' });
    await expect(
      ctx.store.getUserSecretByName({ userId: user.id, name: 's' }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(ctx.store.deleteUserSecret({ userId: user.id, name: 's' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
