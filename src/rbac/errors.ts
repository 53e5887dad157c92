/** Marks every dbauthz error (rbac, db and dbauthz layers) so `hasErrorCode` works across them. */
export const DBAUTHZ_ERROR = Symbol.for('dbauthz.error');

/** Stable codes of the engine's errors. */
export type RbacErrorCode = 'forbidden' | 'invalid_policy';

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

/** True when `error` is any dbauthz error, and, when `code` is given, has that code. */
export function hasErrorCode(error: unknown, code?: string): boolean {
  if (typeof error !== 'object' || error === null || !(DBAUTHZ_ERROR in error)) return false;
  return code === undefined || (error as { code?: unknown }).code === code;
}
