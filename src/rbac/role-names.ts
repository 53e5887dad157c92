/** The built-in role names, exactly as Coder spells them. */
export const RoleNames = {
  owner: 'owner',
  member: 'member',
  auditor: 'auditor',
  templateAdmin: 'template-admin',
  userAdmin: 'user-admin',
  orgAdmin: 'organization-admin',
  orgAuditor: 'organization-auditor',
  orgUserAdmin: 'organization-user-admin',
  orgTemplateAdmin: 'organization-template-admin',
  orgWorkspaceCreationBan: 'organization-workspace-creation-ban',
  orgWorkspaceAccess: 'organization-workspace-access',
  orgMember: 'organization-member',
  orgServiceAccount: 'organization-service-account',
} as const;

/** A built-in role name. */
export type BuiltinRoleName = (typeof RoleNames)[keyof typeof RoleNames];

/** Site roles: held without an org. */
export const siteRoleNames = [
  RoleNames.owner,
  RoleNames.member,
  RoleNames.auditor,
  RoleNames.templateAdmin,
  RoleNames.userAdmin,
] as const;

/** Org roles: always bound to one org id. The last two are Coder's DB-stored system roles. */
export const orgRoleNames = [
  RoleNames.orgAdmin,
  RoleNames.orgAuditor,
  RoleNames.orgUserAdmin,
  RoleNames.orgTemplateAdmin,
  RoleNames.orgWorkspaceCreationBan,
  RoleNames.orgWorkspaceAccess,
  RoleNames.orgMember,
  RoleNames.orgServiceAccount,
] as const;

/** Coder's retired role: dropped silently when expanding role names, and reserved. */
export const RETIRED_AGENTS_ACCESS = 'agents-access';

/** Placeholder names the assignability table uses for "any custom role". */
export const CUSTOM_SITE_ROLE = 'custom-site-role';
/** Placeholder for any custom org role in the assignability table. */
export const CUSTOM_ORG_ROLE = 'custom-organization-role';

/** The pseudo role of system actors in the assignability table: may assign every role. */
export const SYSTEM_ROLE = 'system';

/** Names a custom role may never take. */
export const reservedRoleNames: ReadonlySet<string> = new Set<string>([
  ...siteRoleNames,
  ...orgRoleNames,
  RETIRED_AGENTS_ACCESS,
  CUSTOM_SITE_ROLE,
  CUSTOM_ORG_ROLE,
  SYSTEM_ROLE,
]);

/** True when `name` is a built-in site role name. */
export function isSiteRoleName(name: string): boolean {
  return (siteRoleNames as readonly string[]).includes(name);
}

/** True when `name` is a built-in org role name (including the system org roles). */
export function isOrgRoleName(name: string): boolean {
  return (orgRoleNames as readonly string[]).includes(name);
}
