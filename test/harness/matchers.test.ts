import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../db/errors.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';

describe('toBeForbidden', () => {
  it('passes on a ForbiddenError, with or without the reason asked for', async () => {
    const denied = Promise.reject(new ForbiddenError({ reason: 'mismatch' }));
    await expect(denied).rejects.toBeForbidden();
    await expect(denied).rejects.toBeForbidden('mismatch');
  });

  it('fails on another reason, another error, or a value', async () => {
    const denied = Promise.reject(new ForbiddenError({ reason: 'mismatch' }));
    await expect(expect(denied).rejects.toBeForbidden('not_found')).rejects.toThrow(
      'expected a ForbiddenError (not_found), got a ForbiddenError (mismatch)',
    );
    await expect(
      expect(Promise.reject(new NotFoundError('user'))).rejects.toBeForbidden(),
    ).rejects.toThrow('expected a ForbiddenError');
    expect(() => expect(42).toBeForbidden()).toThrow('expected a ForbiddenError, got 42');
    expect(new Error('x')).not.toBeForbidden();
  });
});
