import { listsAction, ownEntry } from './acl.ts';
import { allowListAllows } from './allow-list.ts';
import { hasAction, isResourceType, WILDCARD } from './catalogue.ts';
import type { CompiledSubject } from './compile.ts';
import { orgOf } from './decide.ts';
import { formatPermission } from './permissions.ts';
import type { Permission, RbacObject, Role } from './types.ts';

/** A level of the decision. */
export type DecisionLevel = 'site' | 'user' | 'org' | 'member';

/** One role permission that decided: which level, role (and org) and permission. */
export interface PermissionMatch {
  readonly level: DecisionLevel;
  readonly role: string;
  readonly org?: string;
  readonly permission: Permission;
}

/** Why a decision came out the way it did. */
export type ExplainReason =
  | 'allowed_by_role'
  | 'allowed_by_acl'
  | 'unknown_type'
  | 'unknown_action'
  | 'no_permission'
  | 'negative_permission'
  | 'not_org_member'
  | 'scope_denied'
  | 'not_on_allow_list';

/** A decision with its reason: the deciding permission or ACL entry, or the cause of a denial. */
export interface Explanation {
  readonly allowed: boolean;
  readonly reason: ExplainReason;
  /** The permission that allowed, or the negative that denied (for scope reasons: the scope's). */
  readonly match?: PermissionMatch;
  readonly acl?: { readonly kind: 'user' | 'group' | 'everyone'; readonly key: string };
  /** The subject's effective scope name, on scope and allow-list denials. */
  readonly scope?: string;
  readonly message: string;
}

interface Outcome {
  readonly allowed: boolean;
  readonly match?: PermissionMatch;
  readonly reason?: 'no_permission' | 'negative_permission' | 'not_org_member';
}

const matches = (p: Permission, type: string, action: string) =>
  (p.type === type || p.type === WILDCARD) && (p.action === action || p.action === WILDCARD);

/** The vote of one level: the first negative match, else the first positive one, else none. */
function vote(
  roles: readonly Role[],
  pick: (role: Role) => readonly Permission[] | undefined,
  level: DecisionLevel,
  type: string,
  action: string,
  org?: string,
): { vote: -1 | 0 | 1; match?: PermissionMatch } {
  let positive: PermissionMatch | undefined;
  for (const role of roles) {
    for (const permission of pick(role) ?? []) {
      if (!matches(permission, type, action)) continue;
      const match = { level, role: role.name, ...(org === undefined ? {} : { org }), permission };
      if (permission.negate) return { vote: -1, match };
      positive ??= match;
    }
  }
  return positive ? { vote: 1, match: positive } : { vote: 0 };
}

const inOrg = (r: Role, org: string) => (Object.hasOwn(r.byOrg, org) ? r.byOrg[org] : undefined);

/** One org's verdict: org level, else member level for owned objects unless the org level denies. */
function orgOutcome(
  roles: readonly Role[],
  org: string,
  type: string,
  action: string,
  owned: boolean,
): Outcome {
  const orgVote = vote(roles, (r) => inOrg(r, org)?.org, 'org', type, action, org);
  if (orgVote.vote === 1) return { allowed: true, match: orgVote.match! };
  const memberVote = owned
    ? vote(roles, (r) => inOrg(r, org)?.member, 'member', type, action, org)
    : { vote: 0 as const };
  if (orgVote.vote === -1)
    return { allowed: false, reason: 'negative_permission', match: orgVote.match! };
  if (memberVote.vote === 1) return { allowed: true, match: memberVote.match! };
  if (memberVote.vote === -1)
    return { allowed: false, reason: 'negative_permission', match: memberVote.match! };
  return { allowed: false, reason: 'no_permission' };
}

/** The levels evaluated directly from role values (no index), as semantics.md states them. */
function levels(
  roles: readonly Role[],
  memberOrgs: ReadonlySet<string>,
  me: string,
  type: string,
  action: string,
  object: RbacObject,
): Outcome {
  const site = vote(roles, (r) => r.site, 'site', type, action);
  if (site.vote === 1) return { allowed: true, match: site.match! };
  if (site.vote === -1)
    return { allowed: false, reason: 'negative_permission', match: site.match! };
  const org = orgOf(object);
  const owned = object.owner === me;
  if (org !== undefined) {
    if (!memberOrgs.has(org)) return { allowed: false, reason: 'not_org_member' };
    return orgOutcome(roles, org, type, action, owned);
  }
  if (object.anyOrg === true) {
    if (memberOrgs.size === 0) return { allowed: false, reason: 'not_org_member' };
    let denied: Outcome = { allowed: false, reason: 'no_permission' };
    for (const o of memberOrgs) {
      const outcome = orgOutcome(roles, o, type, action, owned);
      if (outcome.allowed) return outcome;
      if (outcome.reason === 'negative_permission') denied = outcome;
    }
    return denied;
  }
  if (!owned) return { allowed: false, reason: 'no_permission' };
  const user = vote(roles, (r) => r.user, 'user', type, action);
  if (user.vote === 1) return { allowed: true, match: user.match! };
  if (user.vote === -1)
    return { allowed: false, reason: 'negative_permission', match: user.match! };
  return { allowed: false, reason: 'no_permission' };
}

function aclGrant(
  c: CompiledSubject,
  memberOrgs: ReadonlySet<string>,
  action: string,
  object: RbacObject,
) {
  const org = orgOf(object);
  if (org !== undefined ? !memberOrgs.has(org) : !(object.anyOrg === true && memberOrgs.size > 0)) {
    return undefined;
  }
  if (listsAction(ownEntry(object.aclUsers, c.id), action))
    return { kind: 'user' as const, key: c.id };
  for (const g of c.groups) {
    if (listsAction(ownEntry(object.aclGroups, g), action))
      return { kind: 'group' as const, key: g };
  }
  if (org !== undefined && listsAction(ownEntry(object.aclGroups, org), action)) {
    return { kind: 'everyone' as const, key: org };
  }
  return undefined;
}

const describe = (m: PermissionMatch | undefined) =>
  m
    ? ` (${m.level} level, role "${m.role}"${m.org ? ` in org ${m.org}` : ''}, ${formatPermission(m.permission)})`
    : '';

/**
 * The same decision as `authorize`, recomputed from the role values with its reason. Slower than
 * `authorize` and independent of its index, so tests can hold one against the other.
 */
export function explainDecision(
  c: CompiledSubject,
  action: string,
  object: RbacObject,
): Explanation {
  const type = object.type;
  if (!isResourceType(type)) {
    return { allowed: false, reason: 'unknown_type', message: `unknown resource type "${type}"` };
  }
  if (!hasAction(type, action)) {
    return {
      allowed: false,
      reason: 'unknown_action',
      message: `"${type}" has no action "${action}"`,
    };
  }
  const memberOrgs = new Set(c.roles.flatMap((r) => Object.keys(r.byOrg)));
  const roles = levels(c.roles, memberOrgs, c.id, type, action, object);
  const grant = roles.allowed ? undefined : aclGrant(c, memberOrgs, action, object);
  if (!roles.allowed && !grant) {
    const reason = roles.reason ?? 'no_permission';
    const text = {
      no_permission: 'no role grants',
      negative_permission: 'a negative permission denies',
      not_org_member:
        "the subject is not a member of the object's org, so no org role or ACL applies to",
    }[reason];
    return {
      allowed: false,
      reason,
      ...(roles.match ? { match: roles.match } : {}),
      message: `${text} ${action} on ${type}${describe(roles.match)}`,
    };
  }
  const scopeName = c.scope.name;
  if (!allowListAllows(c.allowList, type, object.id)) {
    return {
      allowed: false,
      reason: 'not_on_allow_list',
      scope: scopeName,
      message: `the object is not on the allow list of scope "${scopeName}"`,
    };
  }
  const scope = levels([c.scope.role], memberOrgs, c.id, type, action, object);
  if (!scope.allowed) {
    return {
      allowed: false,
      reason: 'scope_denied',
      scope: scopeName,
      ...(scope.match ? { match: scope.match } : {}),
      message: `scope "${scopeName}" does not allow ${action} on ${type}${describe(scope.match)}`,
    };
  }
  if (grant) {
    return {
      allowed: true,
      reason: 'allowed_by_acl',
      acl: grant,
      message: `allowed by the ${grant.kind} ACL entry ${grant.key}`,
    };
  }
  return {
    allowed: true,
    reason: 'allowed_by_role',
    match: roles.match!,
    message: `allowed${describe(roles.match)}`,
  };
}
