import type * as s from './schema/index.ts';

/** A row of `users`. */
export type User = typeof s.users.$inferSelect;
/** A row of `organizations`. */
export type Organization = typeof s.organizations.$inferSelect;
/** A row of `organization_members`. */
export type OrganizationMember = typeof s.organizationMembers.$inferSelect;
/** A row of `groups`. */
export type Group = typeof s.groups.$inferSelect;
/** A row of `group_members`. */
export type GroupMember = typeof s.groupMembers.$inferSelect;
/** A row of `custom_roles`. */
export type CustomRole = typeof s.customRoles.$inferSelect;
/** A row of `api_keys`. */
export type ApiKey = typeof s.apiKeys.$inferSelect;
/** An API key as every read but the authentication lookup returns it: without its hashed secret. */
export type ApiKeySummary = Omit<ApiKey, 'hashedSecret'>;
/** A row of `files`. */
export type File = typeof s.files.$inferSelect;
/** A row of `templates`. */
export type Template = typeof s.templates.$inferSelect;
/** A row of `template_versions`. */
export type TemplateVersion = typeof s.templateVersions.$inferSelect;
/** A row of `provisioner_daemons`. */
export type ProvisionerDaemon = typeof s.provisionerDaemons.$inferSelect;
/** A row of `provisioner_jobs`. */
export type ProvisionerJob = typeof s.provisionerJobs.$inferSelect;
/** A row of `workspaces`. */
export type Workspace = typeof s.workspaces.$inferSelect;
/** A build as read through `workspace_build_with_user`: never carries `provisioner_state`. */
export type WorkspaceBuild = typeof s.workspaceBuildWithUser.$inferSelect;
/** An agent as every read returns it: never carries `auth_token_hash`. */
export type WorkspaceAgent = Omit<typeof s.workspaceAgents.$inferSelect, 'authTokenHash'>;
/** A new agent and its auth token, which `insertWorkspaceAgent` returns exactly once. */
export interface NewWorkspaceAgent {
  readonly agent: WorkspaceAgent;
  readonly authToken: string;
}
/** A row of `boundary_sessions`. */
export type BoundarySession = typeof s.boundarySessions.$inferSelect;
/** A row of `boundary_logs`. */
export type BoundaryLog = typeof s.boundaryLogs.$inferSelect;
/** A row of `boundary_usage_stats` (one per replica). */
export type BoundaryUsageStats = typeof s.boundaryUsageStats.$inferSelect;
/** A row of `connection_logs`. */
export type ConnectionLog = typeof s.connectionLogs.$inferSelect;
/** A row of `audit_logs`. */
export type AuditLog = typeof s.auditLogs.$inferSelect;
/** A row of `user_secrets`, value included. */
export type UserSecret = typeof s.userSecrets.$inferSelect;
/** A user secret without its value, as "list mine" returns it. */
export type UserSecretMetadata = Omit<UserSecret, 'value'>;
