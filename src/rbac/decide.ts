import { listsAction, ownEntry } from './acl.ts';
import { allowListAllows } from './allow-list.ts';
import type { CompiledSubject, LevelVotes, OrgVotes } from './compile.ts';
import { InvalidPolicyError } from './errors.ts';
import { pairOf } from './pair-index.ts';
import type { RbacObject } from './types.ts';

/** The object's org id, or `undefined` when missing (undefined, null or ''). */
export function orgOf(object: RbacObject): string | undefined {
  const org = object.org;
  if (org === undefined || org === null || org === '') return undefined;
  if (typeof org !== 'string') throw new InvalidPolicyError('object org must be a string');
  if (object.anyOrg === true) throw new InvalidPolicyError('object has both org and anyOrg');
  return org;
}

// An org allows when its org level allows, or its org level abstains and the subject owns the
// object and the member level allows (an org-level negative blocks the member level).
const orgAllows = (o: OrgVotes, n: number, owned: boolean) =>
  o.org[n] === 1 || (owned && o.org[n] === 0 && o.member[n] === 1);

/** The levels' verdict for pair `n` (semantics.md "The decision"). */
export function levelsAllow(
  v: LevelVotes,
  n: number,
  org: string | undefined,
  anyOrg: boolean,
  owned: boolean,
): boolean {
  const site = v.site[n];
  if (site === 1) return true;
  if (site === -1) return false;
  if (org !== undefined) {
    const o = v.orgs.get(org);
    return o !== undefined && orgAllows(o, n, owned);
  }
  if (anyOrg) {
    for (const o of v.orgs.values()) if (orgAllows(o, n, owned)) return true;
    return false;
  }
  return owned && v.user[n] === 1;
}

/** User, group and Everyone ACL grants; they apply only to members of the object's org. */
export function aclAllows(
  c: CompiledSubject,
  action: string,
  object: RbacObject,
  org: string | undefined,
  anyOrg: boolean,
): boolean {
  const members = c.roleVotes.orgs;
  if (org !== undefined ? !members.has(org) : !(anyOrg && members.size > 0)) return false;
  if (listsAction(ownEntry(object.aclUsers, c.id), action)) return true;
  const groups = object.aclGroups;
  if (groups === undefined || groups === null) return false;
  for (const g of c.groups) if (listsAction(ownEntry(groups, g), action)) return true;
  return org !== undefined && listsAction(ownEntry(groups, org), action);
}

/** The whole decision for a compiled subject: (roles or ACL) and scope. */
export function decide(c: CompiledSubject, action: string, object: RbacObject): boolean {
  const n = pairOf(object.type, action);
  if (n === undefined) return false;
  const org = orgOf(object);
  const anyOrg = object.anyOrg === true;
  const owned = object.owner === c.id;
  if (
    !levelsAllow(c.roleVotes, n, org, anyOrg, owned) &&
    !aclAllows(c, action, object, org, anyOrg)
  ) {
    return false;
  }
  if (c.scopeAllowsAll) return true;
  return (
    allowListAllows(c.allowList, object.type, object.id) &&
    levelsAllow(c.scopeVotes, n, org, anyOrg, owned)
  );
}
