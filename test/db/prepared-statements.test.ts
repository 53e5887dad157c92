import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import { createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

/** Runs `fn` on a one-connection store and returns the statements that session prepared. */
async function preparedBy(
  options: { prepare?: boolean },
  fn: (store: ReturnType<typeof createRawStore>) => Promise<unknown>,
) {
  const client = postgres(ctx.test.url, { max: 1, onnotice: () => {}, ...options });
  try {
    await fn(createRawStore(createDatabase(client)));
    const rows = await client`SELECT statement FROM pg_prepared_statements`;
    return rows.map((row) => String(row.statement));
  } finally {
    await client.end({ timeout: 1 });
  }
}

describe('statements with parameters are prepared once per connection', () => {
  it('prepares a write with parameters, so PostgreSQL plans its text once', async () => {
    const user = await createUser(ctx.db);
    const statements = await preparedBy({}, async (store) => {
      await store.updateUserProfile({ id: user.id, name: 'one' });
      await store.updateUserProfile({ id: user.id, name: 'two' });
    });
    const updates = statements.filter((s) => s.startsWith('update "users"'));
    expect(updates).toHaveLength(1);
  });

  it('prepares nothing for a client created with prepare: false (PgBouncer in transaction mode)', async () => {
    const user = await createUser(ctx.db);
    const statements = await preparedBy({ prepare: false }, async (store) => {
      await store.updateUserProfile({ id: user.id, name: 'three' });
      expect((await store.getUserById({ id: user.id })).name).toBe('three');
    });
    expect(statements).toEqual([]);
  });
});
