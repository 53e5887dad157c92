import type { Action, ResourceType } from '../rbac/catalogue.ts';
import type { RbacObject, Subject } from '../rbac/types.ts';

/**
 * One authorization decision. For a SQL-filtered list the object is `{ type }` and `allowed` says
 * whether any row could match (`filter` tells which way it compiled).
 */
export interface Decision {
  readonly actor: Subject;
  readonly action: Action;
  readonly object: RbacObject | { readonly type: ResourceType };
  readonly allowed: boolean;
  readonly filter?: 'all' | 'none' | 'where';
}

/** Called for every check the store makes; when unset, no decision object is ever built. */
export type DecisionHook = (decision: Decision) => void;
