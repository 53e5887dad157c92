import { DBAUTHZ_ERROR } from '../rbac/errors.ts';

/**
 * A store method ran with no actor bound (neither `store.as(subject)` nor `runAs`). No query ran:
 * there is never an implicit system fallback.
 */
export class NoActorError extends Error {
  readonly [DBAUTHZ_ERROR] = true;
  readonly code = 'no_actor' as const;
  /** The store method that was called. */
  readonly method: string;
  constructor(method: string) {
    super(`no actor bound for ${method}: use store.as(subject) or runAs(subject, fn)`);
    this.name = 'NoActorError';
    this.method = method;
  }
}
