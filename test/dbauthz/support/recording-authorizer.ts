import { isDeepStrictEqual } from 'node:util';
import type { Action, ResourceType } from '../../../src/rbac/catalogue.ts';
import type { Authorizer, Predicate, RbacObject } from '../../../src/rbac/types.ts';

/** A check a spec row expects: `authorize` on an object, or `prepare` of a type for a SQL filter. */
export type ExpectedCheck =
  | { readonly action: Action; readonly object: RbacObject; readonly allowed?: boolean }
  | { readonly action: Action; readonly filter: ResourceType; readonly predicate?: Predicate };

/** A check the store actually made. */
export type RecordedCheck =
  | { readonly action: Action; readonly object: RbacObject }
  | { readonly action: Action; readonly filter: ResourceType };

/** An authorizer that records every check and answers only the checks the spec lists. */
export interface RecordingAuthorizer extends Authorizer {
  readonly checks: RecordedCheck[];
}

/**
 * Records checks in order. The n-th check is answered as the n-th expected one says (allowed by
 * default; `prepare` gives its `predicate`, default true) only if it is exactly that check;
 * anything else is denied (and shows up in `checks`, failing the spec's comparison).
 */
export function createRecordingAuthorizer(expected: readonly ExpectedCheck[]): RecordingAuthorizer {
  const checks: RecordedCheck[] = [];
  const next = (check: RecordedCheck): ExpectedCheck | undefined => {
    const want = expected[checks.length];
    checks.push(check);
    if (want === undefined) return undefined;
    const { allowed: _a, predicate: _p, ...bare } = want as Record<string, unknown>;
    return isDeepStrictEqual(bare, check) ? want : undefined;
  };
  return {
    checks,
    authorize(_subject, action, object) {
      const want = next({ action, object });
      return want !== undefined && 'object' in want && (want.allowed ?? true);
    },
    prepare(_subject, action, type): Predicate {
      const want = next({ action, filter: type });
      if (want === undefined || !('filter' in want)) return { op: 'false' };
      return want.predicate ?? { op: 'true' };
    },
  };
}

/** An authorizer that denies everything (and filters every list to nothing). */
export const denyAll: Authorizer = {
  authorize: () => false,
  prepare: () => ({ op: 'false' }),
};
