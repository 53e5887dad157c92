import { InvalidPolicyError } from './errors.ts';
import {
  orgAdminRole,
  orgAuditorRole,
  organizationMemberRole,
  organizationServiceAccountRole,
  orgTemplateAdminRole,
  orgUserAdminRole,
  orgWorkspaceAccessRole,
  orgWorkspaceCreationBanRole,
} from './org-roles.ts';
import { validRole } from './role.ts';
import { RETIRED_AGENTS_ACCESS, RoleNames, reservedRoleNames } from './role-names.ts';
import {
  auditorRole,
  memberRole,
  ownerRole,
  type RoleOptions,
  templateAdminRole,
  userAdminRole,
} from './site-roles.ts';
import type { Role, RoleRef } from './types.ts';

/** The built-in role set for one deployment: site roles as values, org roles as factories. */
export interface BuiltinRoles {
  readonly site: Readonly<Record<string, Role>>;
  readonly org: Readonly<Record<string, (org: string) => Role>>;
}

/**
 * Builds every built-in role for the given `RoleOptions` (Coder's `ReloadBuiltinRoles`).
 * Org roles given by name use the default workspace sharing `everyone`; callers who know an org's
 * setting pass a full role from `organizationMemberRole(org, sharing)` instead.
 */
export function builtinRoles(options: RoleOptions = {}): BuiltinRoles {
  return Object.freeze({
    site: Object.freeze({
      [RoleNames.owner]: ownerRole(options),
      [RoleNames.member]: memberRole(options),
      [RoleNames.auditor]: auditorRole(),
      [RoleNames.templateAdmin]: templateAdminRole(),
      [RoleNames.userAdmin]: userAdminRole(),
    }),
    org: Object.freeze({
      [RoleNames.orgAdmin]: orgAdminRole,
      [RoleNames.orgAuditor]: orgAuditorRole,
      [RoleNames.orgUserAdmin]: orgUserAdminRole,
      [RoleNames.orgTemplateAdmin]: orgTemplateAdminRole,
      [RoleNames.orgWorkspaceCreationBan]: orgWorkspaceCreationBanRole,
      [RoleNames.orgWorkspaceAccess]: orgWorkspaceAccessRole,
      [RoleNames.orgMember]: (org: string) => organizationMemberRole(org),
      [RoleNames.orgServiceAccount]: (org: string) => organizationServiceAccountRole(org),
    }),
  });
}

/** Options of a role registry: the deployment's role options and its custom roles. */
export interface RoleRegistryOptions {
  readonly roleOptions?: RoleOptions;
  /** Custom roles resolvable by name: site roles by `name`, org roles by `{ name, org }`. */
  readonly customRoles?: readonly Role[];
}

/** Turns role references (names, org-bound names, role values) into validated roles. */
export interface RoleRegistry {
  /** The role a reference names; `undefined` for the retired `agents-access`. Throws `InvalidPolicyError`. */
  resolve(ref: RoleRef): Role | undefined;
}

const orgKey = (org: string, name: string) => `${org}\u0000${name}`;

/** A registry over the built-in roles for `options.roleOptions` plus `options.customRoles`. */
export function createRoleRegistry(options: RoleRegistryOptions = {}): RoleRegistry {
  const builtins = builtinRoles(options.roleOptions);
  const customSite = new Map<string, Role>();
  const customOrg = new Map<string, Role>();
  for (const raw of options.customRoles ?? []) {
    const role = validRole(raw);
    if (reservedRoleNames.has(role.name)) {
      throw new InvalidPolicyError(`custom role name "${role.name}" is reserved`);
    }
    if (role.org === undefined) customSite.set(role.name, role);
    else customOrg.set(orgKey(role.org, role.name), role);
  }

  return {
    resolve(ref) {
      if (typeof ref === 'string') {
        if (ref === RETIRED_AGENTS_ACCESS) return undefined;
        const role =
          (Object.hasOwn(builtins.site, ref) ? builtins.site[ref] : undefined) ??
          customSite.get(ref);
        if (role) return role;
        if (Object.hasOwn(builtins.org, ref)) {
          throw new InvalidPolicyError(`role "${ref}" is an org role: give it as { name, org }`);
        }
        throw new InvalidPolicyError(`unknown role "${ref}"`);
      }
      if (typeof ref !== 'object' || ref === null || typeof ref.name !== 'string') {
        throw new InvalidPolicyError('a role must be a name, { name, org } or a role value');
      }
      if ('site' in ref) return validRole(ref);
      const { name, org } = ref;
      if (name === RETIRED_AGENTS_ACCESS) return undefined;
      if (typeof org !== 'string' || org === '') {
        throw new InvalidPolicyError(`role "${name}": org must be a non-empty string`);
      }
      if (Object.hasOwn(builtins.org, name)) return builtins.org[name]!(org);
      const custom = customOrg.get(orgKey(org, name));
      if (custom) return custom;
      if (Object.hasOwn(builtins.site, name) || customSite.has(name)) {
        throw new InvalidPolicyError(`role "${name}" is a site role and cannot be bound to an org`);
      }
      throw new InvalidPolicyError(`unknown role "${name}" in org ${org}`);
    },
  };
}
