import type { Authorizer } from '../rbac/types.ts';
import type { DecisionHook } from './decision-hook.ts';

/** What every call of one store shares: the raw store (or transaction) and the policy. */
export interface StoreCore<S> {
  readonly raw: S;
  readonly authorizer: Authorizer;
  readonly onDecision: DecisionHook | undefined;
  /** Every call on the primary, reads included (`onPrimary()`: read-your-writes). */
  readonly primary?: boolean;
}
