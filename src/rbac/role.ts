import { BoundedCache } from './bounded-cache.ts';
import { InvalidPolicyError } from './errors.ts';
import { assertValidPermission } from './permissions.ts';
import type { OrgPermissions, Permission, Role } from './types.ts';

/** What `defineRole` takes: levels default to empty. */
export interface RoleDefinition {
  readonly name: string;
  readonly displayName?: string;
  readonly org?: string;
  readonly site?: readonly Permission[];
  readonly user?: readonly Permission[];
  readonly byOrg?: Readonly<Record<string, Partial<OrgPermissions>>>;
}

const EMPTY: readonly Permission[] = Object.freeze([]);
// Roles this module built: validated and deeply frozen, so they can never change after the check.
// Only `defineRole` and `orgRoleTemplate` add to it; a copy of one (even an equal one) is not in it.
const trusted = new WeakSet<object>();

/**
 * True when `value` is a role the library built and validated (`defineRole`, an org role template,
 * the built-in roles, custom roles converted through `defineRole`): deeply frozen, never re-checked.
 */
export function isTrustedRole(value: unknown): value is Role {
  return typeof value === 'object' && value !== null && trusted.has(value);
}

function freezePerms(
  perms: readonly Permission[] | undefined,
  where: string,
): readonly Permission[] {
  if (perms === undefined) return EMPTY;
  if (!Array.isArray(perms)) throw new InvalidPolicyError(`${where}: permissions must be an array`);
  return Object.freeze(
    perms.map((p: Permission) => {
      if (typeof p !== 'object' || p === null) {
        throw new InvalidPolicyError(`${where}: a permission must be an object`);
      }
      if (typeof p.type !== 'string' || typeof p.action !== 'string') {
        throw new InvalidPolicyError(`${where}: a permission needs a string type and action`);
      }
      try {
        assertValidPermission(p.type, p.action);
      } catch (error) {
        throw new InvalidPolicyError(`${where}: ${(error as Error).message}`, { cause: error });
      }
      if (p.negate !== undefined && typeof p.negate !== 'boolean') {
        throw new InvalidPolicyError(`${where}: negate must be a boolean`);
      }
      return Object.freeze({ type: p.type, action: p.action, negate: p.negate === true });
    }),
  );
}

/**
 * Validates and deep-freezes a role: every permission must name a catalogue type (or `*`) and an
 * action that type has (or `*`); a role bound to `org` may only hold permissions under that org.
 * Throws `InvalidPolicyError` otherwise.
 * @example defineRole({ name: 'viewer', site: permissions({ template: ['read'] }) })
 */
export function defineRole(definition: RoleDefinition): Role {
  if (typeof definition !== 'object' || definition === null) {
    throw new InvalidPolicyError('a role must be an object');
  }
  const { name, displayName, org } = definition;
  if (typeof name !== 'string' || name === '') throw new InvalidPolicyError('a role needs a name');
  if (displayName !== undefined && typeof displayName !== 'string') {
    throw new InvalidPolicyError(`role "${name}": displayName must be a string`);
  }
  if (org !== undefined && (typeof org !== 'string' || org === '')) {
    throw new InvalidPolicyError(`role "${name}": org must be a non-empty string`);
  }
  const rawByOrg = definition.byOrg ?? {};
  if (typeof rawByOrg !== 'object' || rawByOrg === null) {
    throw new InvalidPolicyError(`role "${name}": byOrg must be an object`);
  }
  // fromEntries defines own properties, so even an org id like "__proto__" stays plain data.
  const byOrg: Record<string, OrgPermissions> = Object.fromEntries(
    Object.entries(rawByOrg).map(([orgId, perms]) => {
      if (orgId === '') throw new InvalidPolicyError(`role "${name}": byOrg has an empty org id`);
      if (org !== undefined && orgId !== org) {
        throw new InvalidPolicyError(
          `role "${name}" is bound to org ${org} but grants in ${orgId}`,
        );
      }
      const level = Object.freeze({
        org: freezePerms(perms?.org, `role "${name}" org ${orgId}`),
        member: freezePerms(perms?.member, `role "${name}" member ${orgId}`),
      });
      return [orgId, level];
    }),
  );
  const role: Role = {
    name,
    ...(displayName === undefined ? {} : { displayName }),
    ...(org === undefined ? {} : { org }),
    site: freezePerms(definition.site, `role "${name}" site`),
    user: freezePerms(definition.user, `role "${name}" user`),
    byOrg: Object.freeze(byOrg),
  };
  Object.freeze(role);
  trusted.add(role);
  return role;
}

/**
 * A role value as the engine uses it: a role the library built (`isTrustedRole`) as is, anything
 * else validated now (see `defineRole`) into a frozen copy, so a value changed after an earlier
 * check is checked again.
 */
export function validRole(role: Role): Role {
  return trusted.has(role) ? role : defineRole(role);
}

/** An org-bound role: `org` and `member` permissions placed under `byOrg[org]`, site/user as given. */
export function defineOrgRole(
  definition: Omit<RoleDefinition, 'byOrg' | 'org'> & {
    readonly org: string;
    readonly orgPerms?: readonly Permission[];
    readonly memberPerms?: readonly Permission[];
  },
): Role {
  const { orgPerms, memberPerms, ...rest } = definition;
  return defineRole({
    ...rest,
    byOrg: { [definition.org]: { org: orgPerms ?? [], member: memberPerms ?? [] } },
  });
}

/** An org role without its org: what `orgRoleTemplate` binds to each org. */
export type OrgRoleDefinition = Omit<RoleDefinition, 'byOrg' | 'org'> & {
  readonly orgPerms?: readonly Permission[];
  readonly memberPerms?: readonly Permission[];
};

/** Roles one org role template keeps bound (per org), so a role asked for again is the same value. */
const BOUND_CAPACITY = 2048;

/**
 * Validates an org role once and returns a binder: each call makes the role for one org, sharing
 * the frozen permission lists, and hands the same frozen value back for an org bound recently,
 * so a subject with roles in many orgs compiles quickly.
 */
export function orgRoleTemplate(definition: OrgRoleDefinition): (org: string) => Role {
  const proto = defineOrgRole({ ...definition, org: 'template' });
  const level = proto.byOrg.template!;
  const bound = new BoundedCache<string, Role>(BOUND_CAPACITY);
  return (org) => {
    if (typeof org !== 'string' || org === '') {
      throw new InvalidPolicyError(`role "${proto.name}": org must be a non-empty string`);
    }
    let role = bound.get(org);
    if (role === undefined) {
      role = Object.freeze({
        ...proto,
        org,
        byOrg: Object.freeze(Object.fromEntries([[org, level]])),
      });
      trusted.add(role);
      bound.set(org, role);
    }
    return role;
  };
}

/** Every permission of a role with the level (and org) it sits at. */
export function* rolePermissions(
  role: Role,
): Generator<{ level: 'site' | 'user' | 'org' | 'member'; org?: string; permission: Permission }> {
  for (const permission of role.site) yield { level: 'site', permission };
  for (const permission of role.user) yield { level: 'user', permission };
  for (const [org, perms] of Object.entries(role.byOrg)) {
    for (const permission of perms.org) yield { level: 'org', org, permission };
    for (const permission of perms.member) yield { level: 'member', org, permission };
  }
}
