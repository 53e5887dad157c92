import type { RawStore } from '../../db/queries/index.ts';
import {
  createSubject,
  organizationMemberRole,
  type RoleRef,
  type Subject,
} from '../rbac/index.ts';

/**
 * A user's authorization subject read from the database: `member` plus the stored site roles,
 * `organization-member` (with the org's sharing setting) plus the stored roles in each org, and
 * the user's groups (Everyone included); scope `coder:all`.
 */
export async function loadSubject(raw: RawStore, userId: string): Promise<Subject> {
  const found = await raw.getUserRoles({ userId });
  const roles: RoleRef[] = ['member', ...found.siteRoles];
  for (const membership of found.orgRoles) {
    const org = await raw.getOrganizationById({ id: membership.organizationId });
    const sharing = org.shareableWorkspaceOwners as 'everyone' | 'service_accounts' | 'none';
    roles.push(organizationMemberRole(org.id, sharing));
    for (const name of membership.roles) roles.push({ name, org: org.id });
  }
  return createSubject({ id: found.id, roles, groups: found.groupIds, type: 'user' });
}
