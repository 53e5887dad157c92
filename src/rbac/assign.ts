import { InvalidPolicyError } from './errors.ts';
import {
  CUSTOM_ORG_ROLE,
  CUSTOM_SITE_ROLE,
  RoleNames,
  reservedRoleNames,
  SYSTEM_ROLE,
} from './role-names.ts';
import type { RoleRef } from './types.ts';

const siteBuiltins = [
  RoleNames.owner,
  RoleNames.auditor,
  RoleNames.member,
  RoleNames.templateAdmin,
  RoleNames.userAdmin,
];
const orgAdminAssigns = [
  RoleNames.orgAdmin,
  RoleNames.orgMember,
  RoleNames.orgAuditor,
  RoleNames.orgUserAdmin,
  RoleNames.orgTemplateAdmin,
  RoleNames.orgWorkspaceCreationBan,
  RoleNames.orgWorkspaceAccess,
  CUSTOM_ORG_ROLE,
];
const everything = [...siteBuiltins, ...orgAdminAssigns, CUSTOM_SITE_ROLE];

/** Coder's `assignRoles`: which roles each actor role may assign and unassign (§3). */
export const assignableRoles: Readonly<Record<string, readonly string[]>> = Object.freeze({
  [SYSTEM_ROLE]: everything,
  [RoleNames.owner]: everything,
  [RoleNames.userAdmin]: [RoleNames.member, RoleNames.orgMember, RoleNames.orgWorkspaceAccess],
  [RoleNames.orgAdmin]: orgAdminAssigns,
  [RoleNames.orgUserAdmin]: [RoleNames.orgMember, RoleNames.orgWorkspaceAccess],
});

/** A role as the assignability check sees it: a name and, for org roles, the org. */
export interface RoleIdentity {
  readonly name: string;
  readonly org?: string;
}

/** The name and org of a role reference (a name, `{ name, org }` or a role value). */
export function roleIdentity(ref: RoleRef): RoleIdentity {
  if (typeof ref === 'string') return { name: ref };
  if (typeof ref !== 'object' || ref === null || typeof ref.name !== 'string') {
    throw new InvalidPolicyError('a role must be a name, { name, org } or a role value');
  }
  return ref.org === undefined ? { name: ref.name } : { name: ref.name, org: ref.org };
}

/**
 * The name the assign table knows a target by: built-in, system and reserved roles (such as the
 * retired `agents-access`, which no row lists) keep theirs; any other role is a custom role (`custom-site-role` or `custom-organization-role`).
 */
export function assignTableName(target: RoleIdentity): string {
  if (reservedRoleNames.has(target.name)) return target.name;
  return target.org === undefined ? CUSTOM_SITE_ROLE : CUSTOM_ORG_ROLE;
}

/**
 * May an actor with `actorRoles` assign (or unassign) `target`? Coder's `CanAssignRole`: only
 * names count; an org-bound actor role only applies to targets in its own org. Pass the pseudo
 * role `system` for system actors. This is the table check only: the caller also needs
 * `assign`/`unassign` on `assign_role` (or `assign_org_role` in the org).
 * @example canAssignRole([{ name: 'organization-admin', org: a }], { name: 'organization-auditor', org: a }) // true
 */
export function canAssignRole(actorRoles: readonly RoleRef[], target: RoleRef): boolean {
  const wanted = roleIdentity(target);
  const name = assignTableName(wanted);
  return actorRoles.some((ref) => {
    const actor = roleIdentity(ref);
    if (actor.org !== undefined && actor.org !== wanted.org) return false;
    const row = Object.hasOwn(assignableRoles, actor.name)
      ? assignableRoles[actor.name]
      : undefined;
    return row?.includes(name) === true;
  });
}

const key = (r: RoleIdentity) => `${r.org ?? ''}\u0000${r.name}`;

/**
 * What changes between two role sets (Coder's `ChangeRoleSet`), compared by name and org; each
 * side deduplicated. Only the delta needs assign/unassign checks.
 */
export function roleChangeDelta(
  oldRoles: readonly RoleRef[],
  newRoles: readonly RoleRef[],
): { readonly added: RoleIdentity[]; readonly removed: RoleIdentity[] } {
  const before = new Map(oldRoles.map((r) => [key(roleIdentity(r)), roleIdentity(r)]));
  const after = new Map(newRoles.map((r) => [key(roleIdentity(r)), roleIdentity(r)]));
  return {
    added: [...after].filter(([k]) => !before.has(k)).map(([, r]) => r),
    removed: [...before].filter(([k]) => !after.has(k)).map(([, r]) => r),
  };
}
