// API key scopes (Coder's scopes at the pinned commit, docs/catalogue.md): every built-in scope
// grants at site level only and allows every object (`*:*`); a key's stored allow list narrows that.

import { ALLOW_ALL, normalizeAllowList } from './allow-list.ts';
import { hasAction, isResourceType, WILDCARD } from './catalogue.ts';
import { deepFreeze } from './deep-freeze.ts';
import { InvalidPolicyError } from './errors.ts';
import { allPermsExcept, type PermissionMap, permission, permissions } from './permissions.ts';
import { defineRole } from './role.ts';
import type { Permission, Scope } from './types.ts';

/** Scope name constants. */
export const ScopeNames = {
  all: 'coder:all',
  applicationConnect: 'coder:application_connect',
  noUserData: 'no_user_data',
} as const;

/** Legacy spellings accepted and canonicalized before expansion. */
const aliases: Readonly<Record<string, string>> = {
  all: ScopeNames.all,
  application_connect: ScopeNames.applicationConnect,
};

function siteScope(name: string, site: readonly Permission[], displayName = name): Scope {
  return Object.freeze({
    name,
    role: defineRole({ name: `Scope_${name}`, displayName, site }),
    allowList: ALLOW_ALL,
  });
}

const builtin: ReadonlyMap<string, () => Scope> = new Map([
  [
    ScopeNames.all,
    () => siteScope(ScopeNames.all, [permission(WILDCARD, WILDCARD)], 'All operations'),
  ],
  [
    ScopeNames.applicationConnect,
    () =>
      siteScope(
        ScopeNames.applicationConnect,
        permissions({ workspace: ['application_connect'] }),
        'Ability to connect to applications',
      ),
  ],
  [
    ScopeNames.noUserData,
    () =>
      siteScope(ScopeNames.noUserData, allPermsExcept('user'), 'Scope without access to user data'),
  ],
]);

/** Freezes a permission table all the way down (scopes built from it are cached per process). */
/** The seven composite `coder:*` scopes and their site permissions (frozen all the way down). */
export const compositeScopes: Readonly<Record<string, PermissionMap>> = deepFreeze({
  'coder:workspaces.create': {
    template: ['read', 'use'],
    workspace: ['stop', 'start', 'create', 'update', 'read'],
    organization_member: ['read'],
  },
  'coder:workspaces.operate': {
    template: ['read'],
    workspace: ['stop', 'start', 'read', 'update'],
    organization_member: ['read'],
  },
  'coder:workspaces.delete': {
    template: ['read', 'use'],
    workspace: ['read', 'delete'],
    organization_member: ['read'],
  },
  'coder:workspaces.access': {
    template: ['read'],
    organization_member: ['read'],
    workspace: ['read', 'ssh', 'application_connect'],
  },
  'coder:templates.build': {
    template: ['read'],
    file: ['create', 'read'],
    provisioner_jobs: ['read'],
  },
  'coder:templates.author': {
    template: ['read', 'create', 'update', 'delete', 'view_insights'],
    file: ['create', 'read'],
  },
  'coder:apikeys.manage_self': { api_key: ['read', 'create', 'update', 'delete'] },
});

/** Canonical name of a scope: `all` -> `coder:all`, `application_connect` -> `coder:application_connect`. */
export function canonicalScopeName(name: string): string {
  return Object.hasOwn(aliases, name) ? aliases[name]! : name;
}

const cache = new Map<string, Scope>();

/**
 * Expands a scope name: built-in, then composite, then low-level `type:action` / `type:*`.
 * Throws `InvalidPolicyError` for any other name.
 * @example expandScope('workspace:read').role.site // [{ type: 'workspace', action: 'read', negate: false }]
 */
export function expandScope(name: string): Scope {
  const canonical = canonicalScopeName(name);
  const known = cache.get(canonical);
  if (known) return known;
  const scope = buildScope(canonical);
  if (cache.size < 1024) cache.set(canonical, scope);
  return scope;
}

function buildScope(name: string): Scope {
  const make = builtin.get(name);
  if (make) return make();
  if (Object.hasOwn(compositeScopes, name))
    return siteScope(name, permissions(compositeScopes[name]!));
  const colon = name.indexOf(':');
  const type = name.slice(0, colon);
  const action = name.slice(colon + 1);
  if (colon > 0 && isResourceType(type) && (action === WILDCARD || hasAction(type, action))) {
    return siteScope(name, [permission(type, action as never)]);
  }
  throw new InvalidPolicyError(`unknown scope "${name}"`);
}

/** True when `name` expands to a scope. */
export function isScopeName(name: string): boolean {
  try {
    expandScope(name);
    return true;
  } catch {
    return false;
  }
}

/** What `workspaceAgentScope` needs to know about the agent's workspace. */
export interface WorkspaceAgentScopeInput {
  readonly workspaceId: string;
  readonly ownerId: string;
  readonly templateId: string;
  readonly versionId: string;
  /** Use `no_user_data` instead of `coder:all` as the scope's permissions. */
  readonly blockUserData?: boolean;
}

/**
 * Coder's `WorkspaceAgentScope`: `coder:all` (or `no_user_data`) permissions, limited to the
 * agent's workspace, its template and version, its owner, and boundary logs.
 */
export function workspaceAgentScope(input: WorkspaceAgentScopeInput): Scope {
  const base = expandScope(input.blockUserData ? ScopeNames.noUserData : ScopeNames.all);
  return Object.freeze({
    name: `workspace_agent:${input.workspaceId}`,
    role: base.role,
    allowList: normalizeAllowList([
      { type: 'workspace', id: input.workspaceId },
      { type: 'template', id: input.templateId },
      { type: 'template', id: input.versionId },
      { type: 'user', id: input.ownerId },
      { type: 'boundary_log', id: WILDCARD },
    ]),
  });
}
