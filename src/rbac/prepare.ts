import { admitsCreates, allowedIds } from './allow-list.ts';
import type { Action, ResourceType } from './catalogue.ts';
import type { CompiledSubject, LevelVotes } from './compile.ts';
import { pairOf } from './pair-index.ts';
import { acl, and, eq, FALSE, inSorted, isIn, missing, or, TRUE } from './predicate.ts';
import type { Predicate } from './types.ts';

/**
 * The levels' verdict for pair `n` as a predicate over a row's owner and org, mirroring
 * `levelsAllow` for every possible row: site folds to a constant; each org the subject is in
 * contributes `org IN (orgs allowing at org level)` or, for rows the subject owns,
 * `org IN (orgs allowing at member level and not denying at org level)`; the user level needs
 * `owner = me AND org missing`.
 */
function levelsPredicate(v: LevelVotes, n: number, me: string): Predicate {
  const site = v.site[n];
  if (site === 1) return TRUE;
  if (site === -1) return FALSE;
  const orgAllowed: string[] = [];
  const memberAllowed: string[] = [];
  for (const [org, votes] of v.orgs) {
    if (votes.org[n] === 1) orgAllowed.push(org);
    else if (votes.org[n] === 0 && votes.member[n] === 1) memberAllowed.push(org);
  }
  return or(
    inSorted('org', orgAllowed),
    memberAllowed.length > 0 ? and(eq('owner', me), inSorted('org', memberAllowed)) : FALSE,
    v.user[n] === 1 ? and(eq('owner', me), missing('org')) : FALSE,
  );
}

/** ACL grants for members of the row's org: the subject's user entry, its groups, Everyone. */
function aclPredicate(c: CompiledSubject, action: Action): Predicate {
  if (c.roleVotes.orgs.size === 0) return FALSE;
  return and(
    c.memberOrgPredicate,
    or(acl('user', [c.id], false, action), acl('group', c.groups, true, action)),
  );
}

/**
 * `id IN (ids the allow list names for type)`, or `true` when any id (or none) is on it; an entry
 * with an empty id adds `id` missing, which no stored row is (ids are primary keys).
 */
function allowListPredicate(c: CompiledSubject, type: string): Predicate {
  let predicate = c.allowListPredicates.get(type);
  if (predicate === undefined) {
    const ids = allowedIds(c.allowList, type as ResourceType);
    const creates = admitsCreates(c.allowList, type) ? missing('id') : FALSE;
    predicate = ids === true ? TRUE : or(isIn('id', ids), creates);
    c.allowListPredicates.set(type, predicate);
  }
  return predicate;
}

/**
 * The predicate a row of `type` must satisfy for `action`, for a compiled subject: (roles or ACL)
 * and the scope (its allow list as `id IN (...)`). Rows never carry `anyOrg`.
 */
export function preparePredicate(c: CompiledSubject, action: string, type: string): Predicate {
  const n = pairOf(type, action);
  if (n === undefined) return FALSE;
  const granted = or(levelsPredicate(c.roleVotes, n, c.id), aclPredicate(c, action as Action));
  if (granted.op === 'false' || c.scopeAllowsAll) return granted;
  return and(granted, allowListPredicate(c, type), levelsPredicate(c.scopeVotes, n, c.id));
}
