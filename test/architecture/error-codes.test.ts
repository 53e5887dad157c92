import { describe, expect, expectTypeOf, it } from 'vitest';
import { type DbErrorCode, DBAUTHZ_ERROR as dbBrand, NotFoundError } from '../../db/errors.ts';
import { NoActorError } from '../../src/dbauthz/errors.ts';
import {
  DBAUTHZ_ERROR,
  type ErrorCode,
  ForbiddenError,
  hasErrorCode,
  type RbacErrorCode,
} from '../../src/rbac/errors.ts';

describe('one error code union across the layers', () => {
  it('is exactly the engine, database and store codes', () => {
    expectTypeOf<ErrorCode>().toEqualTypeOf<RbacErrorCode | DbErrorCode | NoActorError['code']>();
  });

  it('brands database errors with the engine symbol (the db layer cannot import it)', () => {
    expect(dbBrand).toBe(DBAUTHZ_ERROR);
    expect(hasErrorCode(new NotFoundError('user'), 'not_found')).toBe(true);
    expect(hasErrorCode(new NoActorError('getUserById'), 'no_actor')).toBe(true);
    expect(hasErrorCode(new ForbiddenError(), 'not_found')).toBe(false);
    expect(hasErrorCode(new Error('plain'))).toBe(false);
  });

  it('narrows to the code asked for, and refuses a misspelt one at typecheck', () => {
    const error: unknown = new ForbiddenError();
    if (hasErrorCode(error, 'forbidden')) expectTypeOf(error.code).toEqualTypeOf<'forbidden'>();
    // @ts-expect-error 'forbiden' is not an error code
    expect(hasErrorCode(error, 'forbiden')).toBe(false);
  });
});
