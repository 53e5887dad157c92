import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../../../db/database.ts';
import { hashAgentAuthToken } from '../../../db/queries/workspace-agents.ts';
import { PREBUILDS_USER_ID } from '../../../src/dbauthz/system-actors/system-actors.ts';
import {
  createAgent,
  createAgentPlacement,
  createApiKey,
  createAuditLog,
  createBoundaryLog,
  createBoundarySession,
  createBoundaryUsageStats,
  createBuild,
  createConnectionLog,
  createCustomRole,
  createFile,
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createProvisionerDaemon,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createUser,
  createUserSecret,
  createWorkspace,
} from '../../support/factories/index.ts';

/**
 * One world of real rows in which every raw store method has a valid input, shared by the suites
 * that call every method (returned-columns, the system actor matrix). Seeds:
 *
 * - `owner`, a site owner, and `alice` and `bob`, plain users; all three members of `org`;
 * - `group` (alice a member), `file` (by alice), `template` (by alice) with one version imported
 *   by a succeeded job, alice's `workspace` and a `prebuild` owned by the prebuilds user;
 * - a `build` of alice's workspace with Terraform state and an `agent` (its `agentToken`), at
 *   `placement`; a boundary session, boundary and connection logs from 2020, an audit log;
 * - boundary `usage` stats, a provisioner `daemon`, jobs (`pending`, `imported`, `running`, and
 *   two left free for inputs: `importJob` and `buildJob`), alice's API `key` and `secret`, a
 *   custom `role`.
 *
 * `inputs` holds one input per raw method (a function: each call gets fresh values where a
 * method needs them). Each input is valid twice over: the raw store accepts it (not an error, and
 * a list or count finds rows), and where a human calls the method (returned-columns: the owner,
 * unless that suite names alice) it names that human as the actor acting under their own name,
 * as `requireActorAttribution` demands. System actors act on someone's behalf, so naming the
 * owner does not change what they may do.
 */
export async function seedMethodWorld(db: Database) {
  const owner = await createUser(db, { rbacRoles: ['owner'] });
  const org = await createOrganization(db);
  const alice = await createUser(db);
  const bob = await createUser(db);
  await createMember(db, { userId: owner.id, organizationId: org.id, roles: [] });
  await createMember(db, { userId: alice.id, organizationId: org.id, roles: [] });
  await createMember(db, { userId: bob.id, organizationId: org.id, roles: [] });
  const group = await createGroup(db, { organizationId: org.id });
  await createGroupMember(db, { groupId: group.id, userId: alice.id });
  const file = await createFile(db, { createdBy: alice.id });
  const template = await createTemplate(db, { organizationId: org.id, createdBy: alice.id });
  const workspace = await createWorkspace(db, {
    ownerId: alice.id,
    organizationId: org.id,
    templateId: template.id,
  });
  const prebuild = await createWorkspace(db, {
    ownerId: PREBUILDS_USER_ID,
    organizationId: org.id,
    templateId: template.id,
  });
  const build = await createBuild(db, {
    workspaceId: workspace.id,
    provisionerState: randomBytes(8),
  });
  const agentToken = randomUUID();
  const agent = await createAgent(db, {
    buildId: build.id,
    authTokenHash: hashAgentAuthToken(agentToken),
  });
  const placement = await createAgentPlacement(db, agent.id);
  await createBoundarySession(db, placement);
  await createBoundaryLog(db, placement, { time: new Date('2020-01-01T00:00:00Z') });
  await createConnectionLog(db, placement, { connectTime: new Date('2020-01-01T00:00:00Z') });
  await createAuditLog(db, { organizationId: org.id, userId: alice.id });
  const usage = await createBoundaryUsageStats(db);
  const daemon = await createProvisionerDaemon(db, { organizationId: org.id });
  const pending = await createProvisionerJob(db, { organizationId: org.id, fileId: file.id });
  const imported = await createProvisionerJob(db, {
    organizationId: org.id,
    fileId: file.id,
    status: 'succeeded',
  });
  await createTemplateVersion(db, {
    organizationId: org.id,
    templateId: template.id,
    jobId: imported.id,
    createdBy: alice.id,
  });
  const running = await createProvisionerJob(db, { organizationId: org.id, status: 'running' });
  // The job a new version references: an import job of the version's org, as the store checks
  // (a build job would refuse every caller for the mismatch, hiding what it may really do).
  const importJob = await createProvisionerJob(db, {
    organizationId: org.id,
    type: 'template_version_import',
    initiatorId: owner.id,
  });
  // The job a new build references: a build job started for the build's initiator (the owner).
  const buildJob = await createProvisionerJob(db, {
    organizationId: org.id,
    type: 'workspace_build',
    initiatorId: owner.id,
  });
  const key = await createApiKey(db, { userId: alice.id });
  const secret = await createUserSecret(db, { userId: alice.id });
  const role = await createCustomRole(db, { organizationId: org.id });

  const at = { organizationId: org.id, userId: alice.id };
  const secretKey = { userId: alice.id, name: secret.name };
  const { workspaceName: _, ...where } = placement;
  const old = new Date('2021-01-01T00:00:00Z');
  const roleInput = {
    organizationId: org.id,
    name: role.name,
    orgPermissions: [{ type: 'template', action: 'read', negate: false }],
  };
  const inputs: Record<string, () => unknown> = {
    acquireProvisionerJob: () => ({
      organizationId: org.id,
      workerId: daemon.id,
      provisioners: ['terraform'],
    }),
    claimPrebuiltWorkspace: () => ({ id: prebuild.id, newOwnerId: bob.id, name: 'claimed' }),
    completeProvisionerJob: () => ({ id: running.id }),
    countApiKeysByUser: () => ({ userId: alice.id }),
    countAuditLogs: () => ({}),
    countBoundaryLogs: () => ({}),
    countConnectionLogs: () => ({}),
    countGroupMembers: () => ({ groupId: group.id }),
    countOrganizationMembers: () => ({ organizationId: org.id }),
    countOrganizations: () => ({}),
    countTemplateVersionsByTemplate: () => ({ templateId: template.id }),
    countTemplates: () => ({}),
    countUserSecrets: () => ({ userId: alice.id }),
    countUsers: () => ({}),
    countWorkspaceBuildsByWorkspace: () => ({ workspaceId: workspace.id }),
    countWorkspaces: () => ({}),
    createUserSecret: () => ({ userId: alice.id, name: 'another', value: 'v' }),
    deleteApiKey: () => ({ id: key.id }),
    deleteBoundaryLogsOlderThan: () => ({ before: old }),
    deleteBoundarySessionsOlderThan: () => ({ before: new Date(Date.now() + 86_400_000) }),
    deleteBoundaryUsageStatsByReplica: () => ({ replicaId: usage.replicaId }),
    deleteConnectionLogsOlderThan: () => ({ before: old }),
    deleteCustomRole: () => ({ organizationId: org.id, name: role.name }),
    deleteGroup: () => ({ id: group.id }),
    deleteGroupMember: () => ({ groupId: group.id, userId: alice.id }),
    deleteOrganization: () => ({ id: org.id }),
    deleteOrganizationMember: () => at,
    deleteUserSecret: () => secretKey,
    getAndResetBoundaryUsageSummary: () => ({}),
    getApiKeyAuthorization: () => ({ id: key.id }),
    getApiKeyById: () => ({ id: key.id }),
    getAuthorizationUserRoles: () => ({ userId: alice.id }),
    getBoundaryUsageSummary: () => ({}),
    getBuildWorkspaceAndTemplate: () => ({ id: build.id }),
    getCustomRolesByNames: () => ({ roles: [{ organizationId: org.id, name: role.name }] }),
    getFileById: () => ({ id: file.id }),
    getGroupById: () => ({ id: group.id }),
    getGroupByName: () => ({ organizationId: org.id, name: group.name }),
    getGroupsOfUser: () => ({ userId: alice.id }),
    getLatestWorkspaceBuildByWorkspace: () => ({ workspaceId: workspace.id }),
    getOrganizationById: () => ({ id: org.id }),
    getOrganizationByName: () => ({ name: org.name }),
    getOrganizationMember: () => at,
    getOrganizationMembershipsOfUser: () => ({ userId: alice.id }),
    getProvisionerDaemonByOrganizationAndName: () => ({
      organizationId: org.id,
      name: daemon.name,
    }),
    getProvisionerJobById: () => ({ id: pending.id }),
    getProvisionerStateByBuildId: () => ({ id: build.id }),
    getTemplateById: () => ({ id: template.id }),
    getTemplateByIdForBuild: () => ({ id: template.id }),
    getTemplateByOrganizationAndName: () => ({ organizationId: org.id, name: template.name }),
    // A window around now, so the seeded build is counted.
    getTemplateInsights: () => ({
      templateId: template.id,
      since: new Date(Date.now() - 86_400_000),
      until: new Date(Date.now() + 86_400_000),
    }),
    getTemplateVersionById: () => ({ id: template.activeVersionId }),
    getUserById: () => ({ id: alice.id }),
    getUserByUsername: () => ({ username: alice.username }),
    getUserRoles: () => ({ userId: alice.id }),
    getUserSecretByName: () => secretKey,
    getWorkspaceAgentByAuthToken: () => ({ authToken: agentToken }),
    getWorkspaceAgentById: () => ({ id: agent.id }),
    getWorkspaceAgentsByBuild: () => ({ buildId: build.id }),
    getWorkspaceBuildById: () => ({ id: build.id }),
    getWorkspaceByAgentId: () => ({ agentId: agent.id }),
    getWorkspaceById: () => ({ id: workspace.id }),
    getWorkspaceByOwnerAndName: () => ({ ownerId: alice.id, name: workspace.name }),
    // The owner's own key: a human mints keys for themselves only (a system actor for anyone).
    insertApiKey: () => ({
      id: randomBytes(5).toString('hex'),
      userId: owner.id,
      hashedSecret: createHash('sha256').update(randomBytes(8)).digest(),
      expiresAt: new Date(Date.now() + 86_400_000),
    }),
    insertAuditLog: () => ({
      organizationId: org.id,
      action: 'create',
      resourceType: 'workspace',
      resourceId: workspace.id,
      statusCode: 201,
    }),
    insertBoundaryLogs: () => ({
      ...where,
      logs: [{ time: new Date(), url: 'https://example.com/', allowed: true }],
    }),
    insertBoundarySession: () => where,
    insertCustomRole: () => ({ ...roleInput, name: 'fresh-role' }),
    insertFile: () => {
      const data = randomBytes(16);
      const hash = createHash('sha256').update(data).digest('hex');
      return { hash, createdBy: owner.id, mimetype: 'application/x-tar', data };
    },
    insertGroup: () => ({ organizationId: org.id, name: 'fresh-group' }),
    insertGroupMember: () => ({ groupId: group.id, userId: bob.id }),
    insertOrganization: () => ({ name: 'fresh-org' }),
    insertOrganizationMember: () => ({ organizationId: org.id, userId: PREBUILDS_USER_ID }),
    insertProvisionerJob: () => ({
      organizationId: org.id,
      initiatorId: owner.id,
      type: 'workspace_build',
    }),
    insertTemplate: () => ({
      organizationId: org.id,
      name: 'fresh-template',
      createdBy: owner.id,
    }),
    insertTemplateVersion: () => ({
      organizationId: org.id,
      jobId: importJob.id,
      createdBy: owner.id,
      templateId: template.id,
      name: 'fresh-version',
    }),
    insertUser: () => ({ email: 'eve@example.com', username: 'eve' }),
    insertWorkspace: () => ({
      ownerId: alice.id,
      organizationId: org.id,
      templateId: template.id,
      name: 'fresh-ws',
    }),
    insertWorkspaceAgent: () => ({ buildId: build.id, name: 'second' }),
    insertWorkspaceBuild: () => ({
      workspaceId: workspace.id,
      templateVersionId: build.templateVersionId,
      transition: 'stop',
      initiatorId: owner.id,
      jobId: buildJob.id,
    }),
    listApiKeysByUser: () => ({ userId: alice.id }),
    listAuditLogs: () => ({}),
    listBoundaryLogs: () => ({}),
    listConnectionLogs: () => ({}),
    listCustomRoles: () => ({ organizationId: org.id }),
    listGroupMembers: () => ({ groupId: group.id }),
    listGroups: () => ({ organizationId: org.id }),
    listOrganizationMembers: () => ({ organizationId: org.id }),
    listOrganizations: () => ({}),
    listProvisionerDaemons: () => ({ organizationId: org.id }),
    listTemplateVersionsByTemplate: () => ({ templateId: template.id }),
    listTemplates: () => ({}),
    listTemplatesUsingFile: () => ({ fileId: file.id }),
    listUserSecrets: () => ({ userId: alice.id }),
    listUserSecretsWithValues: () => ({ userId: alice.id }),
    listUsers: () => ({}),
    listWorkspaceBuildsByWorkspace: () => ({ workspaceId: workspace.id }),
    listWorkspaces: () => ({}),
    resetBoundaryUsageStats: () => ({}),
    softDeleteTemplate: () => ({ id: template.id }),
    softDeleteWorkspace: () => ({ id: workspace.id }),
    updateApiKeyLastUsed: () => ({ id: key.id, lastUsed: new Date() }),
    updateCustomRole: () => roleInput,
    updateGroup: () => ({ id: group.id, displayName: 'Renamed' }),
    updateOrganization: () => ({ id: org.id, displayName: 'Renamed' }),
    updateOrganizationMemberRoles: () => ({ ...at, roles: ['organization-auditor'] }),
    updateProvisionerDaemonLastSeenAt: () => ({ id: daemon.id, lastSeenAt: new Date() }),
    updateProvisionerState: () => ({ id: build.id, provisionerState: Buffer.from('tf') }),
    updateTemplateAcl: () => ({ id: template.id, userAcl: { [bob.id]: ['read'] }, groupAcl: {} }),
    updateTemplateMeta: () => ({ id: template.id, displayName: 'Renamed' }),
    updateUserProfile: () => ({ id: alice.id, name: 'Alice' }),
    updateUserRoles: () => ({ id: alice.id, roles: ['auditor'] }),
    updateUserSecret: () => ({ ...secretKey, value: 'changed' }),
    updateUserStatus: () => ({ id: alice.id, status: 'suspended' }),
    updateWorkspace: () => ({ id: workspace.id, name: 'renamed' }),
    updateWorkspaceAcl: () => ({ id: workspace.id, userAcl: { [bob.id]: ['read'] }, groupAcl: {} }),
    updateWorkspaceDormantAt: () => ({ id: workspace.id, dormantAt: new Date() }),
    upsertBoundaryUsageStats: () => ({
      replicaId: randomUUID(),
      uniqueWorkspacesCount: 1,
      uniqueUsersCount: 1,
      allowedRequests: 1,
      deniedRequests: 0,
    }),
    upsertConnectionLog: () => ({
      event: 'connect',
      time: new Date(),
      connectionId: randomUUID(),
      organizationId: org.id,
      workspaceOwnerId: alice.id,
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      agentName: 'main',
      type: 'ssh',
    }),
    upsertProvisionerDaemon: () => ({ organizationId: org.id, name: daemon.name }),
  };

  return {
    owner,
    org,
    alice,
    bob,
    group,
    file,
    template,
    workspace,
    prebuild,
    build,
    agent,
    agentToken,
    placement,
    usage,
    daemon,
    jobs: { pending, imported, running, importJob, buildJob },
    key,
    secret,
    role,
    inputs,
  };
}

/** The world `seedMethodWorld` seeds: its rows, and one input per raw store method. */
export type MethodWorld = Awaited<ReturnType<typeof seedMethodWorld>>;
