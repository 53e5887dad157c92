import type { AuthorizedStore } from '../dbauthz/authorized-store.ts';
import {
  createSubject,
  defineOrgRole,
  isOrgRoleName,
  organizationMemberRole,
  type Permission,
  type RoleRef,
  type Subject,
  type WorkspaceSharing,
} from '../rbac/index.ts';

const SHARING: readonly string[] = ['everyone', 'service_accounts', 'none'];

/**
 * A user's authorization subject read through the authorized store as the restricted system actor
 * (the only one allowed to load roles): `member` plus the stored site roles; in each org,
 * `organization-member` (per the org's workspace sharing setting), the stored built-in org roles
 * and the org's custom roles as role values; the user's groups (Everyone included); `coder:all`.
 */
export async function loadSubject(store: AuthorizedStore, userId: string): Promise<Subject> {
  const system = store.asSystemRestricted();
  const found = await system.getUserRoles({ userId });
  const roles: RoleRef[] = ['member', ...found.siteRoles];
  for (const membership of found.orgRoles) {
    const org = await system.getOrganizationById({ id: membership.organizationId });
    const setting = org.shareableWorkspaceOwners;
    const sharing = (SHARING.includes(setting) ? setting : 'service_accounts') as WorkspaceSharing;
    roles.push(organizationMemberRole(org.id, sharing));
    const builtin = membership.roles.filter((name) => isOrgRoleName(name));
    for (const name of builtin)
      if (name !== 'organization-member') roles.push({ name, org: org.id });
    const custom = membership.roles.filter((name) => !isOrgRoleName(name));
    if (custom.length === 0) continue;
    const rows = await system.getCustomRolesByNames({
      roles: custom.map((name) => ({ organizationId: org.id, name })),
    });
    for (const row of rows) {
      roles.push(
        defineOrgRole({
          name: row.name,
          org: org.id,
          orgPerms: row.orgPermissions as Permission[],
          memberPerms: row.memberPermissions as Permission[],
        }),
      );
    }
  }
  return createSubject({ id: found.id, roles, groups: found.groupIds, type: 'user' });
}
