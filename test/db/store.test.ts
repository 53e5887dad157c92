import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  type DbError,
  ForeignKeyViolationError,
  InvalidInputError,
  NotFoundError,
  translateDbError,
  UniqueViolationError,
} from '../../db/errors.ts';
import { GUARDED_WRITE_TABLES, LIST_FILTER_TABLES, rawQueryOf } from '../../db/queries/index.ts';
import { users } from '../../db/schema/index.ts';
import { createUser } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('the raw store', () => {
  it('names a filter or guard table for exactly the methods that take options.where (kind list)', () => {
    const withOptions = Object.entries(ctx.store)
      .filter(([, fn]) => rawQueryOf(fn)?.kind === 'list')
      .map(([name]) => name)
      .sort();
    const named = [...Object.keys(LIST_FILTER_TABLES), ...Object.keys(GUARDED_WRITE_TABLES)];
    expect(withOptions).toEqual(named.sort());
  });

  it('commits inTx work when fn resolves', async () => {
    const username = await ctx.store.inTx(async (tx) => {
      const u = await tx.insertUser({ email: 'tx-ok@example.com', username: 'tx-ok' });
      return u.username;
    });
    expect((await ctx.store.getUserByUsername({ username })).email).toBe('tx-ok@example.com');
  });

  it('rolls back every write of inTx when fn throws', async () => {
    await expect(
      ctx.store.inTx(async (tx) => {
        await tx.insertUser({ email: 'tx-no@example.com', username: 'tx-no' });
        await tx.insertOrganization({ name: 'tx-no-org' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expect(ctx.store.getUserByUsername({ username: 'tx-no' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(ctx.store.getOrganizationByName({ name: 'tx-no-org' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('rolls back only the nested inTx (a savepoint) when the outer fn catches', async () => {
    await ctx.store.inTx(async (tx) => {
      await tx.insertUser({ email: 'outer@example.com', username: 'outer' });
      await tx
        .inTx(async (inner) => {
          await inner.insertUser({ email: 'inner@example.com', username: 'inner' });
          throw new Error('inner fails');
        })
        .catch(() => undefined);
    });
    expect((await ctx.store.getUserByUsername({ username: 'outer' })).username).toBe('outer');
    await expect(ctx.store.getUserByUsername({ username: 'inner' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('surfaces typed errors from inside inTx', async () => {
    await createUser(ctx.db, { username: 'taken-tx' });
    await expect(
      ctx.store.inTx((tx) => tx.insertUser({ email: 't@example.com', username: 'taken-tx' })),
    ).rejects.toBeInstanceOf(UniqueViolationError);
  });

  it('sees a filter on the store table through inTx too', async () => {
    const u = await createUser(ctx.db, { name: 'in-tx-filter' });
    const n = await ctx.store.inTx((tx) =>
      tx.countUsers({}, { where: eq(users.name, 'in-tx-filter') }),
    );
    expect(n).toBe(1);
    expect(u.name).toBe('in-tx-filter');
  });
});

describe('db errors', () => {
  it('carry the dbauthz brand and a stable code', () => {
    const errors: DbError[] = [
      new InvalidInputError('a.b', 'bad'),
      new NotFoundError('user'),
      new UniqueViolationError('k'),
      new ForeignKeyViolationError('fk'),
    ];
    expect(
      errors.map((e) => [
        e.code,
        (e as unknown as Record<symbol, unknown>)[Symbol.for('dbauthz.error')],
      ]),
    ).toEqual([
      ['invalid_input', true],
      ['not_found', true],
      ['conflict', true],
      ['invalid_reference', true],
    ]);
  });

  it('translate PostgreSQL errors found under a wrapper, and leave others alone', () => {
    const wrapped = new Error('Failed query', {
      cause: { code: '23503', constraint_name: 'x_fk' },
    });
    expect(translateDbError(wrapped)).toMatchObject({
      code: 'invalid_reference',
      constraint: 'x_fk',
    });
    expect(translateDbError({ code: '23502', column_name: 'name' })).toMatchObject({
      code: 'invalid_input',
      field: 'name',
    });
    const plain = new Error('network down');
    expect(translateDbError(plain)).toBe(plain);
    expect(translateDbError({ code: '42P01' })).toEqual({ code: '42P01' }); // undefined_table: a bug, not a fault
  });
});
