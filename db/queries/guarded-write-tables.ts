import * as s from '../schema/index.ts';

/**
 * For every guarded write, the table (or view) whose columns its `options.where` guard refers to:
 * the row written itself, or the parent whose row must pass (a workspace's template, a group
 * member's group, a build's workspace). The authorization layer compiles its guard against it.
 */
export const GUARDED_WRITE_TABLES = {
  updateUserProfile: s.users,
  updateUserStatus: s.users,
  updateUserRoles: s.users,
  deleteApiKey: s.apiKeys,
  updateApiKeyLastUsed: s.apiKeys,
  updateOrganization: s.organizations,
  deleteOrganization: s.organizations,
  deleteOrganizationMember: s.organizationMembers,
  updateOrganizationMemberRoles: s.organizationMembers,
  updateGroup: s.groups,
  deleteGroup: s.groups,
  deleteGroupMember: s.groups,
  updateTemplateMeta: s.templates,
  updateTemplateAcl: s.templates,
  softDeleteTemplate: s.templates,
  insertWorkspace: s.templates,
  updateWorkspace: s.workspaces,
  updateWorkspaceDormantAt: s.workspaces,
  updateWorkspaceAcl: s.workspaces,
  softDeleteWorkspace: s.workspaces,
  claimPrebuiltWorkspace: s.workspaces,
  completeProvisionerJob: s.provisionerJobs,
  upsertProvisionerDaemon: s.provisionerDaemons,
  updateProvisionerDaemonLastSeenAt: s.provisionerDaemons,
  updateProvisionerState: s.workspaces,
  insertWorkspaceBuild: s.workspaces,
  insertWorkspaceAgent: s.workspaces,
} as const;

/** The name of a raw store method whose write takes a guard in `options.where`. */
export type GuardedWriteMethod = keyof typeof GUARDED_WRITE_TABLES;
