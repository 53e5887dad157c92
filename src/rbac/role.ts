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
const validated = new WeakMap<Role, Role>();

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
  validated.set(role, role);
  return role;
}

/**
 * Validates a role value (see `defineRole`) and returns its frozen copy. Remembered per value, so a
 * role shared by many subjects is checked once.
 */
export function validRole(role: Role): Role {
  const known = validated.get(role);
  if (known) return known;
  const checked = defineRole(role);
  validated.set(role, checked);
  return checked;
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

/**
 * Validates an org role once and returns a binder: each call makes the role for one org, sharing
 * the frozen permission lists, so a subject with roles in many orgs compiles quickly.
 */
export function orgRoleTemplate(definition: OrgRoleDefinition): (org: string) => Role {
  const proto = defineOrgRole({ ...definition, org: 'template' });
  const level = proto.byOrg.template!;
  return (org) => {
    if (typeof org !== 'string' || org === '') {
      throw new InvalidPolicyError(`role "${proto.name}": org must be a non-empty string`);
    }
    const role: Role = Object.freeze({
      ...proto,
      org,
      byOrg: Object.freeze(Object.fromEntries([[org, level]])),
    });
    validated.set(role, role);
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
