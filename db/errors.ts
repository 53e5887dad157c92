/**
 * Marks every dbauthz error so the rbac layer's `hasErrorCode` recognizes db errors too. The same
 * registered symbol as the engine's brand: this layer may not import the engine (a test holds the
 * two equal, and `DbErrorCode` within the engine's `ErrorCode`).
 */
export const DBAUTHZ_ERROR = Symbol.for('dbauthz.error');

/** Stable codes of the database layer's errors. */
export type DbErrorCode =
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'invalid_reference'
  | 'unavailable'
  | 'timeout'
  | 'cancelled'
  | 'serialization_failure'
  | 'outer_store_in_transaction';

/** Base of the database layer's errors: check `code`, not the message. The driver error is `cause`. */
export abstract class DbError extends Error {
  readonly [DBAUTHZ_ERROR] = true;
  abstract readonly code: DbErrorCode;
  /** Whether running the same call again may succeed (a fault, not a verdict on the input). */
  readonly retryable: boolean = false;
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

/**
 * The database cannot be reached or dropped the connection (refused, reset, closed, shut down,
 * SQLSTATE class 08, 57P01-57P03, 53300). Retryable; a write whose COMMIT was cut off this way may
 * or may not have landed (PostgreSQL keeps it whole either way).
 */
export class UnavailableError extends DbError {
  readonly code = 'unavailable' as const;
  override readonly retryable = true;
  /** The driver's code (`ECONNRESET`, `CONNECTION_CLOSED`, `57P01`, ...). */
  readonly reason: string;
  constructor(reason: string, options?: ErrorOptions) {
    super(`database unavailable: ${reason}`, options);
    this.name = 'UnavailableError';
    this.reason = reason;
  }
}

/** A deadline passed: the call's `timeoutMs`, `statement_timeout` (57014) or a lock wait (55P03); nothing was written. */
export class TimeoutError extends DbError {
  readonly code = 'timeout' as const;
  override readonly retryable = true;
  /** The call's own deadline in ms, when it was the call's `timeoutMs` that expired. */
  readonly timeoutMs: number | undefined;
  constructor(message: string, timeoutMs?: number, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The caller's `AbortSignal` fired before the call finished; nothing was written. */
export class CancelledError extends DbError {
  readonly code = 'cancelled' as const;
  constructor(options?: ErrorOptions) {
    super('cancelled by the caller', options);
    this.name = 'CancelledError';
  }
}

/** The transaction lost a serialization conflict (40001) or a deadlock (40P01): run it again. */
export class SerializationFailureError extends DbError {
  readonly code = 'serialization_failure' as const;
  override readonly retryable = true;
  /** `40001` (serialization failure) or `40P01` (deadlock detected). */
  readonly sqlstate: '40001' | '40P01';
  constructor(sqlstate: '40001' | '40P01', options?: ErrorOptions) {
    super(
      sqlstate === '40001' ? 'serialization failure: retry the transaction' : 'deadlock detected',
      options,
    );
    this.name = 'SerializationFailureError';
    this.sqlstate = sqlstate;
  }
}

/**
 * The non-transaction store was used inside that database's own `inTx` callback: with a small pool
 * it deadlocks, otherwise its writes escape the rollback. Use the `tx` store the callback received.
 */
export class OuterStoreInTransactionError extends DbError {
  readonly code = 'outer_store_in_transaction' as const;
  constructor() {
    super(
      'the outer store was used inside its own inTx callback: use the transaction store (tx) the callback received',
    );
    this.name = 'OuterStoreInTransactionError';
  }
}

/** Driver codes (postgres.js, node) of a connection that was refused, lost or never made. */
const CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]);

/** Whether a SQLSTATE or driver code means the connection is gone or cannot be made. */
export function isConnectionFaultCode(code: string): boolean {
  return (
    CONNECTION_CODES.has(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300'
  );
}

/** The first `code` string in the error's cause chain (drizzle wraps driver errors), if any. */
export function faultCodeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const fields = current as { code?: unknown; cause?: unknown };
    if (typeof fields.code === 'string') return fields.code;
    current = fields.cause;
  }
  return undefined;
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
    if (DBAUTHZ_ERROR in current) return undefined; // a typed error is final (see findDbError)
    const fields = current as PgErrorFields & { cause?: unknown };
    if (typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code)) return fields;
    current = fields.cause;
  }
  return undefined;
}

/** A db error already raised below drizzle's wrapper (e.g. by the guarded driver client). */
function findDbError(error: unknown): DbError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof DbError) return current;
    // Another layer's typed error (a ForbiddenError hiding a NotFoundError, say) is final: its
    // cause is kept for logs and must never be unwrapped back into the caller's answer.
    if (DBAUTHZ_ERROR in current) return undefined;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Maps a driver error to a typed db error (unique, foreign key, check, bad value, connection loss,
 * timeout, serialization failure); returns any other error unchanged.
 */
export function translateDbError(error: unknown): unknown {
  const typed = findDbError(error);
  if (typed !== undefined) return typed;
  const code = faultCodeOf(error);
  if (code !== undefined && isConnectionFaultCode(code)) {
    return new UnavailableError(code, { cause: error });
  }
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
    case '40001':
    case '40P01':
      return new SerializationFailureError(pg.code, options);
    case '57014':
      return new TimeoutError('statement timeout: the statement was cancelled', undefined, options);
    case '55P03':
      return new TimeoutError('lock not available', undefined, options);
    case '25006':
      // A read-only transaction, or a server in recovery (a hot standby: a replica).
      return new InvalidInputError(
        '',
        'a write in a read-only transaction or on a read-only server (a replica)',
        options,
      );
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
