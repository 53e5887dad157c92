import type { CustomRole, Organization } from '../../../db/types.ts';
import { InvalidPolicyError } from '../../rbac/errors.ts';
import { organizationMemberRole, organizationServiceAccountRole } from '../../rbac/org-roles.ts';
import {
  isOrgRoleName,
  isSiteRoleName,
  RETIRED_AGENTS_ACCESS,
  RoleNames,
} from '../../rbac/role-names.ts';
import type { RoleRef, SubjectNotice } from '../../rbac/types.ts';
import { storedCustomRole } from '../resources/custom-role-value.ts';

/** One membership with its org row: the stored role names and the org's settings. */
export interface MembershipWithOrg {
  readonly roles: readonly string[];
  readonly org: Pick<Organization, 'id' | 'defaultOrgMemberRoles' | 'shareableWorkspaceOwners'>;
}

/** The custom role names (per org) a membership needs loaded: neither built in nor retired. */
export function customRoleNames(membership: MembershipWithOrg): string[] {
  return effectiveNames(membership).filter((name) => !isOrgRoleName(name));
}

/** Stored roles UNIONED with the org's default member roles, the retired name dropped. */
function effectiveNames({ roles, org }: MembershipWithOrg): string[] {
  const names = new Set([...roles, ...org.defaultOrgMemberRoles]);
  names.delete(RETIRED_AGENTS_ACCESS);
  return [...names];
}

/**
 * The org roles of one membership: `organization-member` built for the org's
 * `shareable_workspace_owners`, each built-in org role bound to the org, and each custom role
 * converted from its row. A custom role name with no row (the role was deleted, or renamed) is
 * dropped, as in Coder, and a stored permission this version cannot apply is left out; both are
 * recorded in `notices` (when given) so the store can report them with each decision. A site role
 * name stored as an org role cannot be a deleted custom role (those names are reserved): it stays
 * an `InvalidPolicyError`.
 */
export function resolveOrgRoles(
  membership: MembershipWithOrg,
  customRoles: readonly CustomRole[],
  notices: SubjectNotice[] = [],
): RoleRef[] {
  const { org } = membership;
  const sharing = org.shareableWorkspaceOwners;
  const out: RoleRef[] = [organizationMemberRole(org.id, sharing)];
  for (const name of effectiveNames(membership)) {
    if (name === RoleNames.orgMember) continue; // already built above, with the org's sharing
    if (name === RoleNames.orgServiceAccount) {
      out.push(organizationServiceAccountRole(org.id, sharing));
    } else if (isOrgRoleName(name)) {
      out.push({ name, org: org.id });
    } else if (isSiteRoleName(name)) {
      throw new InvalidPolicyError(`dangling role "${name}" in organization ${org.id}`);
    } else {
      const row = customRoles.find(
        (r) => r.organizationId === org.id && r.name.toLowerCase() === name.toLowerCase(),
      );
      if (row === undefined) {
        notices.push({
          code: 'dropped_role',
          role: name,
          org: org.id,
          message: `custom role "${name}" of organization ${org.id} no longer exists: dropped`,
        });
        continue;
      }
      const stored = storedCustomRole(row);
      notices.push(...stored.notices);
      out.push(stored.role);
    }
  }
  return out;
}
