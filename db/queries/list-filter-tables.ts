import * as s from '../schema/index.ts';

/**
 * For every list and count method, the table (or view) whose columns the `options.where`
 * condition may refer to. The authorization layer compiles its filter against this table.
 */
export const LIST_FILTER_TABLES = {
  listUsers: s.users,
  countUsers: s.users,
  listOrganizations: s.organizations,
  countOrganizations: s.organizations,
  listOrganizationMembers: s.organizationMembers,
  countOrganizationMembers: s.organizationMembers,
  listGroups: s.groups,
  listGroupMembers: s.users,
  countGroupMembers: s.users,
  listCustomRoles: s.customRoles,
  listApiKeysByUser: s.apiKeys,
  countApiKeysByUser: s.apiKeys,
  listTemplates: s.templates,
  countTemplates: s.templates,
  listTemplatesUsingFile: s.templates,
  listTemplateVersionsByTemplate: s.templateVersions,
  countTemplateVersionsByTemplate: s.templateVersions,
  listProvisionerDaemons: s.provisionerDaemons,
  listWorkspaces: s.workspaces,
  countWorkspaces: s.workspaces,
  listWorkspaceBuildsByWorkspace: s.workspaceBuildWithUser,
  countWorkspaceBuildsByWorkspace: s.workspaceBuildWithUser,
  listBoundaryLogs: s.boundaryLogs,
  countBoundaryLogs: s.boundaryLogs,
  listConnectionLogs: s.connectionLogs,
  countConnectionLogs: s.connectionLogs,
  listAuditLogs: s.auditLogs,
  countAuditLogs: s.auditLogs,
  listUserSecrets: s.userSecrets,
  countUserSecrets: s.userSecrets,
  listUserSecretsWithValues: s.userSecrets,
} as const;

/** The name of a raw store method that accepts `options.where`. */
export type ListMethod = keyof typeof LIST_FILTER_TABLES;
