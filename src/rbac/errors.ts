/** Marks every dbauthz error (rbac, db and dbauthz layers) so `hasErrorCode` works across them. */
export const DBAUTHZ_ERROR = Symbol.for('dbauthz.error');

/** Stable codes of the engine's errors. */
export type RbacErrorCode = 'forbidden' | 'invalid_policy';

/**
 * Every stable error code the library raises, across its layers: the engine's, the database
 * layer's (`DbErrorCode`, which may not import this file) and the store's `no_actor`. A test holds
 * this union equal to theirs.
 */
export type ErrorCode =
  | RbacErrorCode
  | 'no_actor'
  | 'invalid_input'
  | 'not_found'
  | 'conflict'
  | 'invalid_reference'
  | 'unavailable'
  | 'timeout'
  | 'cancelled'
  | 'serialization_failure'
  | 'outer_store_in_transaction';

/** Any error of this library: branded, with a stable `code`. */
export interface DbauthzError extends Error {
  readonly [DBAUTHZ_ERROR]: true;
  readonly code: ErrorCode;
}

/** Base of the engine's errors: check `code`, not the message. */
export abstract class RbacError extends Error {
  readonly [DBAUTHZ_ERROR] = true;
  abstract readonly code: RbacErrorCode;
}

/** Details of a denial, for logs only (never shown to the end user). */
export interface ForbiddenDetail {
  readonly actor?: string;
  readonly action?: string;
  readonly object?: unknown;
  readonly reason?: string;
}

/** A denial. The message is vague on purpose; callers should answer it exactly like "not found". */
export class ForbiddenError extends RbacError {
  readonly code = 'forbidden' as const;
  readonly detail: ForbiddenDetail;
  constructor(detail: ForbiddenDetail = {}, options?: ErrorOptions) {
    super('forbidden', options);
    this.name = 'ForbiddenError';
    this.detail = detail;
  }
}

/** A role, scope, subject or object that cannot be evaluated: unknown type, action, role or scope. */
export class InvalidPolicyError extends RbacError {
  readonly code = 'invalid_policy' as const;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidPolicyError';
  }
}

/**
 * True when `error` is any dbauthz error, and, when `code` is given, has that code (a misspelt
 * code is a type error). Works across copies of the package: the brand is a registered symbol.
 */
export function hasErrorCode<C extends ErrorCode = ErrorCode>(
  error: unknown,
  code?: C,
): error is DbauthzError & { readonly code: C } {
  if (typeof error !== 'object' || error === null || !(DBAUTHZ_ERROR in error)) return false;
  return code === undefined || (error as { code?: unknown }).code === code;
}
