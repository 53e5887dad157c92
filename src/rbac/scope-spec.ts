import { intersectAllowLists, normalizeAllowList, unionAllowLists } from './allow-list.ts';
import { InvalidPolicyError } from './errors.ts';
import { defineRole, validRole } from './role.ts';
import { expandScope } from './scopes.ts';
import type { OrgPermissions, Permission, Scope, ScopeSpec } from './types.ts';

function validScope(scope: Scope): Scope {
  if (typeof scope !== 'object' || scope === null || typeof scope.name !== 'string') {
    throw new InvalidPolicyError('a scope must be a name or { name, role, allowList }');
  }
  if (!Array.isArray(scope.allowList)) {
    throw new InvalidPolicyError(`scope "${scope.name}": allowList must be an array`);
  }
  // Frozen (entries included): a compiled subject keeps it and `explain` reads it on every call.
  return Object.freeze({
    name: scope.name,
    role: validRole(scope.role),
    allowList: Object.freeze(
      normalizeAllowList(scope.allowList).map((e) => Object.freeze({ ...e })),
    ),
  });
}

function toScope(item: string | Scope): Scope {
  return typeof item === 'string' ? expandScope(item) : validScope(item);
}

/** Several scopes as one: permissions unioned level by level, allow lists unioned. */
export function mergeScopes(scopes: readonly Scope[]): Scope {
  if (scopes.length === 1) return scopes[0]!;
  const byOrg = new Map<string, { org: Permission[]; member: Permission[] }>();
  for (const s of scopes) {
    for (const [org, perms] of Object.entries(s.role.byOrg) as [string, OrgPermissions][]) {
      const into = byOrg.get(org) ?? { org: [], member: [] };
      byOrg.set(org, into);
      into.org.push(...perms.org);
      into.member.push(...perms.member);
    }
  }
  const name = scopes.map((s) => s.name).join('+');
  return Object.freeze({
    name,
    role: defineRole({
      name: `Scope_${name}`,
      site: scopes.flatMap((s) => s.role.site),
      user: scopes.flatMap((s) => s.role.user),
      byOrg: Object.fromEntries(byOrg),
    }),
    allowList: unionAllowLists(...scopes.map((s) => s.allowList)),
  });
}

/**
 * The one effective scope of a subject: names expanded, several scopes merged, then intersected
 * with the stored allow list when one is given. No scopes, or an empty resulting allow list,
 * yields a scope that allows nothing. Throws `InvalidPolicyError` for unknown names or bad values.
 */
export function resolveScope(spec: ScopeSpec): Scope {
  if (typeof spec === 'string') return expandScope(spec);
  if (typeof spec !== 'object' || spec === null) {
    throw new InvalidPolicyError(
      'a subject needs a scope (a name, a scope, or { scopes, allowList })',
    );
  }
  if (!('scopes' in spec)) return validScope(spec);
  if (!Array.isArray(spec.scopes)) throw new InvalidPolicyError('scopes must be an array');
  if (spec.scopes.length === 0) {
    return Object.freeze({ name: '', role: defineRole({ name: 'Scope_none' }), allowList: [] });
  }
  const merged = mergeScopes(spec.scopes.map(toScope));
  if (spec.allowList === undefined) return merged;
  if (!Array.isArray(spec.allowList)) throw new InvalidPolicyError('allowList must be an array');
  return Object.freeze({
    ...merged,
    allowList: intersectAllowLists(merged.allowList, normalizeAllowList(spec.allowList)),
  });
}
