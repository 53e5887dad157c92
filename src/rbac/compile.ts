import { type AllowListIndex, indexAllowList } from './allow-list.ts';
import { compileRole } from './compiled-role.ts';
import { InvalidPolicyError } from './errors.ts';
import { combineVotes, NO_VOTES, type Votes } from './pair-index.ts';
import { inSorted } from './predicate.ts';
import type { RoleRegistry } from './role-registry.ts';
import { resolveScope } from './scope-spec.ts';
import type { Predicate, Role, Scope, Subject } from './types.ts';

/** Votes of one org: at org level (any object in it) and org-member level (objects one owns). */
export interface OrgVotes {
  readonly org: Votes;
  readonly member: Votes;
}

/** A set of roles (or a scope's role) folded into votes per level. */
export interface LevelVotes {
  readonly site: Votes;
  readonly user: Votes;
  /** Keyed by org id, in sorted order; only orgs the subject is a member of. */
  readonly orgs: ReadonlyMap<string, OrgVotes>;
}

/** A subject expanded once: resolved roles and scope, indexed for constant-time decisions. */
export interface CompiledSubject {
  readonly id: string;
  readonly groups: readonly string[];
  readonly roles: readonly Role[];
  readonly roleVotes: LevelVotes;
  readonly scope: Scope;
  readonly scopeVotes: LevelVotes;
  readonly allowList: AllowListIndex;
  /** Per type, the allow list as a predicate on `id` (filled by prepare on first use). */
  readonly allowListPredicates: Map<string, Predicate>;
  /** `org IN (the subject's orgs)`: the membership test of ACL grants, built once. */
  readonly memberOrgPredicate: Predicate;
  /** The scope allows every action on every object (e.g. `coder:all`): skip it. */
  readonly scopeAllowsAll: boolean;
}

/**
 * Folds roles into votes, each role compiled once per process (`compileRole`, shared by content).
 * Org membership comes from the roles' `byOrg` keys (Coder's `org_memberships`); `memberOrgs`,
 * when given, limits org entries to those orgs (used for scopes, whose org permissions only count
 * where the subject is a member).
 */
export function compileVotes(roles: readonly Role[], memberOrgs?: ReadonlySet<string>): LevelVotes {
  // Every array here is shared and read-only: `combineVotes` returns remembered combinations, so
  // a subject in 100 orgs holding the same roles in each mostly looks votes up.
  let site = NO_VOTES;
  let user = NO_VOTES;
  const orgs = new Map<string, OrgVotes>();
  for (const role of roles) {
    const compiled = compileRole(role);
    site = combineVotes(site, compiled.site);
    user = combineVotes(user, compiled.user);
    for (const { org: orgId, orgVotes, memberVotes } of compiled.orgs) {
      if (memberOrgs && !memberOrgs.has(orgId)) continue;
      const votes = orgs.get(orgId);
      orgs.set(
        orgId,
        votes === undefined
          ? { org: orgVotes, member: memberVotes }
          : {
              org: combineVotes(votes.org, orgVotes),
              member: combineVotes(votes.member, memberVotes),
            },
      );
    }
  }
  // Sorted, so prepare emits sorted `org IN (...)` lists without sorting per call.
  const sorted = new Map([...orgs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { site, user, orgs: sorted };
}

function checkSubject(subject: Subject): void {
  if (typeof subject !== 'object' || subject === null) {
    throw new InvalidPolicyError('a subject must be an object');
  }
  if (typeof subject.id !== 'string' || subject.id === '') {
    throw new InvalidPolicyError('a subject needs a non-empty id');
  }
  if (!Array.isArray(subject.roles)) throw new InvalidPolicyError('subject roles must be an array');
  const groups = subject.groups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string' || g === '')) {
    throw new InvalidPolicyError('subject groups must be an array of non-empty strings');
  }
}

/** Expands a subject with a registry. Throws `InvalidPolicyError` for a malformed subject, role or scope. */
export function compileSubject(subject: Subject, registry: RoleRegistry): CompiledSubject {
  checkSubject(subject);
  const roles: Role[] = [];
  for (const ref of subject.roles) {
    const role = registry.resolve(ref);
    if (role) roles.push(role);
  }
  const roleVotes = compileVotes(roles);
  const scope = resolveScope(subject.scope);
  const scopeVotes = compileVotes([scope.role], new Set(roleVotes.orgs.keys()));
  const allowList = indexAllowList(scope.allowList);
  return Object.freeze({
    id: subject.id,
    groups: Object.freeze([...(subject.groups ?? [])]),
    roles: Object.freeze(roles),
    roleVotes,
    scope,
    scopeVotes,
    allowList,
    allowListPredicates: new Map(),
    memberOrgPredicate: inSorted('org', [...roleVotes.orgs.keys()]),
    scopeAllowsAll: allowList.all && scopeVotes.site.every((v) => v === 1),
  });
}
