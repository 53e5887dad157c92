import type { Action, ResourceType } from '../rbac/catalogue.ts';
import type { RbacObject, Subject, SubjectNotice } from '../rbac/types.ts';

/**
 * One authorization decision. For a SQL-filtered list the object is `{ type }` and `allowed` says
 * whether any row could match (`filter` tells which way it compiled). `notices`, present only when
 * the actor has some, say what its loader left out (a custom role that no longer exists, a stored
 * permission this version cannot apply): they never change the decision.
 */
export interface Decision {
  readonly actor: Subject;
  readonly action: Action;
  readonly object: RbacObject | { readonly type: ResourceType };
  readonly allowed: boolean;
  readonly filter?: 'all' | 'none' | 'where';
  readonly notices?: readonly SubjectNotice[];
}

/** Called for every check the store makes; when unset, no decision object is ever built. */
export type DecisionHook = (decision: Decision) => void;

const NONE = Object.freeze({});

/** The actor's notices as the optional `notices` field of a decision (nothing when it has none). */
export function decisionNotices(actor: Subject): {
  readonly notices?: readonly SubjectNotice[];
} {
  const notices = actor.notices;
  return notices !== undefined && notices.length > 0 ? { notices } : NONE;
}
