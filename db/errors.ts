/** Marks every dbauthz error so the rbac layer's `hasErrorCode` recognizes db errors too. */
export const DBAUTHZ_ERROR = Symbol.for('dbauthz.error');

/** Stable codes of the database layer's errors. */
export type DbErrorCode = 'invalid_input' | 'not_found' | 'conflict' | 'invalid_reference';

/** Base of the database layer's errors: check `code`, not the message. The driver error is `cause`. */
export abstract class DbError extends Error {
  readonly [DBAUTHZ_ERROR] = true;
  abstract readonly code: DbErrorCode;
}

/** Input that fails validation (raised before any SQL runs) or a CHECK / NOT NULL violation. */
export class InvalidInputError extends DbError {
  readonly code = 'invalid_input' as const;
  /** Dotted path of the offending field (`''` for the input as a whole), or the constraint. */
  readonly field: string;
  constructor(field: string, message: string, options?: ErrorOptions) {
    super(
      field === '' ? `invalid input: ${message}` : `invalid input at ${field}: ${message}`,
      options,
    );
    this.name = 'InvalidInputError';
    this.field = field;
  }
}

/** The row a point query or an update targeted does not exist. */
export class NotFoundError extends DbError {
  readonly code = 'not_found' as const;
  /** What was looked for, e.g. `workspace`. */
  readonly entity: string;
  constructor(entity: string, options?: ErrorOptions) {
    super(`${entity} not found`, options);
    this.name = 'NotFoundError';
    this.entity = entity;
  }
}

/** A unique constraint or unique index rejected the write; `constraint` names it. */
export class UniqueViolationError extends DbError {
  readonly code = 'conflict' as const;
  readonly constraint: string;
  constructor(constraint: string, options?: ErrorOptions) {
    super(`conflict: ${constraint}`, options);
    this.name = 'UniqueViolationError';
    this.constraint = constraint;
  }
}

/** A foreign key rejected the write: the referenced row is missing (or still referenced). */
export class ForeignKeyViolationError extends DbError {
  readonly code = 'invalid_reference' as const;
  readonly constraint: string;
  constructor(constraint: string, options?: ErrorOptions) {
    super(`invalid reference: ${constraint}`, options);
    this.name = 'ForeignKeyViolationError';
    this.constraint = constraint;
  }
}

interface PgErrorFields {
  code?: unknown;
  constraint_name?: unknown;
  column_name?: unknown;
  message?: unknown;
}

/** Finds the PostgreSQL error under drizzle's wrapper (`DrizzleQueryError.cause`), if any. */
function findPgError(error: unknown): PgErrorFields | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const fields = current as PgErrorFields & { cause?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return undefined;
}

/** Maps a driver error to a typed db error (unique, foreign key, check, bad value); else returns it. */
export function translateDbError(error: unknown): unknown {
  if (error instanceof DbError) return error;
  const pg = findPgError(error);
  if (!pg) return error;
  const constraint = typeof pg.constraint_name === 'string' ? pg.constraint_name : '';
  const options = { cause: error };
  switch (pg.code) {
    case '23505':
      return new UniqueViolationError(constraint, options);
    case '23503':
      return new ForeignKeyViolationError(constraint, options);
    case '23514':
      return new InvalidInputError(constraint, 'violates a check constraint', options);
    case '23502': {
      const column = typeof pg.column_name === 'string' ? pg.column_name : '';
      return new InvalidInputError(column, 'must not be null', options);
    }
    case '22P02':
    case '22021':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return new InvalidInputError('', String(pg.message ?? 'invalid value'), options);
    default:
      return error;
  }
}
