import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiKeys } from '../../db/schema/index.ts';
import { createApiKey, createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();
const secret = createHash('sha256').update('s3cret').digest();
const tomorrow = () => new Date(Date.now() + 86_400_000);

describe('api keys', () => {
  it('inserts a key with default scope and allow list, and gets it by id', async () => {
    const user = await createUser(ctx.db);
    const key = await ctx.store.insertApiKey({
      id: 'abcdef1234',
      hashedSecret: secret,
      userId: user.id,
      expiresAt: tomorrow(),
    });
    expect(key).toMatchObject({ scopes: ['coder:all'], allowList: ['*:*'], lastUsed: null });
    const read = await ctx.store.getApiKeyById({ id: 'abcdef1234' });
    expect(read.hashedSecret.equals(secret)).toBe(true);
    expect(read.userId).toBe(user.id);
  });

  it('rejects a malformed allow-list entry and writes nothing', async () => {
    const user = await createUser(ctx.db);
    const count = async () =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(apiKeys))[0]!.n;
    const before = await count();
    await expect(
      ctx.store.insertApiKey({
        id: 'zzzzzz9999',
        hashedSecret: secret,
        userId: user.id,
        expiresAt: tomorrow(),
        allowList: ['workspace'],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'allowList.0' });
    expect(await count()).toBe(before);
  });

  it('raises invalid_reference for a key of a missing user', async () => {
    await expect(
      ctx.store.insertApiKey({
        id: 'orphan0001',
        hashedSecret: secret,
        userId: '00000000-0000-4000-8000-0000000000bb',
        expiresAt: tomorrow(),
      }),
    ).rejects.toMatchObject({
      code: 'invalid_reference',
      constraint: 'api_keys_user_id_users_id_fk',
    });
  });

  it("lists and counts only one user's keys, and deletes one", async () => {
    const [me, other] = [await createUser(ctx.db), await createUser(ctx.db)];
    const k1 = await createApiKey(ctx.db, { userId: me.id, tokenName: 'one' });
    const k2 = await createApiKey(ctx.db, { userId: me.id, tokenName: 'two' });
    await createApiKey(ctx.db, { userId: other.id });
    const mine = await ctx.store.listApiKeysByUser({ userId: me.id });
    expect(mine.map((k) => k.id).sort()).toEqual([k1.id, k2.id].sort());
    expect(await ctx.store.countApiKeysByUser({ userId: me.id })).toBe(2);
    await expect(
      ctx.store.insertApiKey({
        id: 'dupname001',
        hashedSecret: secret,
        userId: me.id,
        tokenName: 'one',
        expiresAt: tomorrow(),
      }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'api_keys_user_id_token_name_idx' });
    await ctx.store.deleteApiKey({ id: k1.id });
    expect(await ctx.store.countApiKeysByUser({ userId: me.id })).toBe(1);
    await expect(ctx.store.getApiKeyById({ id: k1.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('records last use without moving it backwards', async () => {
    const key = await createApiKey(ctx.db);
    const later = new Date('2030-01-02T00:00:00Z');
    expect(
      (await ctx.store.updateApiKeyLastUsed({ id: key.id, lastUsed: later })).lastUsed,
    ).toEqual(later);
    const earlier = new Date('2030-01-01T00:00:00Z');
    expect(
      (await ctx.store.updateApiKeyLastUsed({ id: key.id, lastUsed: earlier })).lastUsed,
    ).toEqual(later);
  });
});
