import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { hashAgentAuthToken } from '../../db/queries/workspace-agents.ts';
import type { AuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import {
  PREBUILDS_USER_ID,
  type SystemActorName,
  systemActors,
} from '../../src/dbauthz/system-actors/system-actors.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';
import { rawMethodNames } from '../dbauthz/support/raw-method-names.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
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
} from '../support/factories/index.ts';
import { callStore } from '../support/verify/store-calls.ts';

// Every system actor against every store method, on real rows: outside its job an actor is refused
// (a ForbiddenError, or no rows and 0 from a list or count). Each call runs in a transaction that
// is rolled back, and the raw store must accept the same input first, so a refusal is the
// authorization layer's and never a bad input's.

/**
 * What each actor may call on these rows (its job, plus the reads its grants in the README table
 * allow); every other method must refuse it. A change here is a change of an actor's power.
 */
const jobs: Record<SystemActorName, readonly string[]> = {
  asSystemRestricted: [
    'countApiKeysByUser',
    'countGroupMembers',
    'countOrganizationMembers',
    'countOrganizations',
    'countTemplateVersionsByTemplate',
    'countTemplates',
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getApiKeyAuthorization',
    'getApiKeyById',
    'getAuthorizationUserRoles',
    'getBuildWorkspaceAndTemplate',
    'getCustomRolesByNames',
    'getFileById',
    'getGroupById',
    'getGroupByName',
    'getGroupsOfUser',
    'getLatestWorkspaceBuildByWorkspace',
    'getOrganizationById',
    'getOrganizationByName',
    'getOrganizationMember',
    'getOrganizationMembershipsOfUser',
    'getProvisionerDaemonByOrganizationAndName',
    'getProvisionerJobById',
    'getTemplateById',
    'getTemplateByIdForBuild',
    'getTemplateByOrganizationAndName',
    'getTemplateVersionById',
    'getUserById',
    'getUserByUsername',
    'getUserRoles',
    'getWorkspaceAgentByAuthToken',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'insertApiKey',
    'insertAuditLog',
    'insertOrganizationMember',
    'listApiKeysByUser',
    'listCustomRoles',
    'listGroupMembers',
    'listGroups',
    'listOrganizationMembers',
    'listOrganizations',
    'listProvisionerDaemons',
    'listTemplateVersionsByTemplate',
    'listTemplates',
    'listTemplatesUsingFile',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
    'updateApiKeyLastUsed',
  ],
  asWorkspaceBuilder: [
    'acquireProvisionerJob',
    'completeProvisionerJob',
    'getProvisionerDaemonByOrganizationAndName',
    'getProvisionerJobById',
    'getProvisionerStateByBuildId',
    'insertProvisionerJob',
    'listProvisionerDaemons',
  ],
  asProvisionerd: [
    'acquireProvisionerJob',
    'completeProvisionerJob',
    'countOrganizations',
    'countTemplateVersionsByTemplate',
    'countTemplates',
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getFileById',
    'getLatestWorkspaceBuildByWorkspace',
    'getOrganizationById',
    'getOrganizationByName',
    'getProvisionerDaemonByOrganizationAndName',
    'getProvisionerJobById',
    'getProvisionerStateByBuildId',
    'getTemplateById',
    'getTemplateByIdForBuild',
    'getTemplateByOrganizationAndName',
    'getTemplateVersionById',
    'getUserById',
    'getUserByUsername',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'insertWorkspaceAgent',
    'listOrganizations',
    'listProvisionerDaemons',
    'listTemplateVersionsByTemplate',
    'listTemplates',
    'listTemplatesUsingFile',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
    'updateProvisionerState',
    'updateWorkspace',
    'updateProvisionerDaemonLastSeenAt',
    'updateWorkspaceDormantAt',
    'upsertProvisionerDaemon',
  ],
  asAutostart: [
    'countOrganizations',
    'countTemplateVersionsByTemplate',
    'countTemplates',
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getLatestWorkspaceBuildByWorkspace',
    'getOrganizationById',
    'getOrganizationByName',
    'getProvisionerJobById',
    'getTemplateById',
    'getTemplateByIdForBuild',
    'getTemplateByOrganizationAndName',
    'getTemplateVersionById',
    'getUserById',
    'getUserByUsername',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'insertProvisionerJob',
    'insertWorkspaceBuild',
    'listOrganizations',
    'listTemplateVersionsByTemplate',
    'listTemplates',
    'listTemplatesUsingFile',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
    'updateProvisionerState',
    'updateWorkspace',
    'updateWorkspaceDormantAt',
  ],
  asDBPurge: [
    'deleteBoundaryLogsOlderThan',
    'deleteBoundarySessionsOlderThan',
    'deleteConnectionLogsOlderThan',
  ],
  asPrebuildsOrchestrator: [
    'countOrganizationMembers',
    'countOrganizations',
    'countTemplateVersionsByTemplate',
    'countTemplates',
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getLatestWorkspaceBuildByWorkspace',
    'getOrganizationById',
    'getOrganizationByName',
    'getOrganizationMember',
    'getOrganizationMembershipsOfUser',
    'getProvisionerDaemonByOrganizationAndName',
    'getProvisionerJobById',
    'getTemplateById',
    'getTemplateByIdForBuild',
    'getTemplateByOrganizationAndName',
    'getTemplateVersionById',
    'getUserById',
    'getUserByUsername',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'insertProvisionerJob',
    'listOrganizationMembers',
    'listOrganizations',
    'listProvisionerDaemons',
    'listTemplateVersionsByTemplate',
    'listTemplates',
    'listTemplatesUsingFile',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
  ],
  asBoundaryUsageTracker: [
    'deleteBoundaryUsageStatsByReplica',
    'getAndResetBoundaryUsageSummary',
    'getBoundaryUsageSummary',
    'resetBoundaryUsageStats',
    'upsertBoundaryUsageStats',
  ],
  asConnectionLogger: [
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getLatestWorkspaceBuildByWorkspace',
    'getUserById',
    'getUserByUsername',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
    'upsertConnectionLog',
  ],
  asNotifier: [
    'countTemplateVersionsByTemplate',
    'countTemplates',
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getLatestWorkspaceBuildByWorkspace',
    'getTemplateById',
    'getTemplateByIdForBuild',
    'getTemplateByOrganizationAndName',
    'getTemplateVersionById',
    'getUserById',
    'getUserByUsername',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'listTemplateVersionsByTemplate',
    'listTemplates',
    'listTemplatesUsingFile',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
  ],
  asKeyRotator: [],
  asSecretsReader: [
    'countUserSecrets',
    'countUsers',
    'countWorkspaceBuildsByWorkspace',
    'countWorkspaces',
    'getLatestWorkspaceBuildByWorkspace',
    'getUserById',
    'getUserByUsername',
    'getUserSecretByName',
    'getWorkspaceAgentById',
    'getWorkspaceAgentsByBuild',
    'getWorkspaceBuildById',
    'getWorkspaceByAgentId',
    'getWorkspaceById',
    'getWorkspaceByOwnerAndName',
    'listUserSecrets',
    'listUserSecretsWithValues',
    'listUsers',
    'listWorkspaceBuildsByWorkspace',
    'listWorkspaces',
  ],
};

let database: TestDatabase;
let raw: RawStore;
let store: AuthorizedStore;
let inputs: Record<string, () => unknown>;

class Rollback extends Error {}

/** Runs `run` in a transaction that is always rolled back, and returns its result or error. */
async function rolledBack<S>(
  on: S,
  run: (tx: S) => Promise<unknown>,
): Promise<{ value?: unknown; error?: unknown }> {
  let value: unknown;
  const inTx = (on as unknown as { inTx: (fn: (tx: S) => Promise<void>) => Promise<void> }).inTx;
  try {
    await inTx.call(on, async (tx) => {
      value = await run(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return { value };
    return { error };
  }
  return { value };
}

const isList = (name: string) => name.startsWith('list') || name.startsWith('count');
const refused = (name: string, outcome: { value?: unknown; error?: unknown }) =>
  outcome.error instanceof ForbiddenError ||
  (outcome.error === undefined &&
    isList(name) &&
    (outcome.value === 0 || (Array.isArray(outcome.value) && outcome.value.length === 0)));

beforeAll(async () => {
  database = await useTestDatabase();
  const { db } = database;
  raw = createRawStore(db);
  store = createAuthorizedStore(raw);
  const org = await createOrganization(db);
  const alice = await createUser(db);
  const bob = await createUser(db);
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
  const freeJob = await createProvisionerJob(db, {
    organizationId: org.id,
    initiatorId: alice.id,
    type: 'workspace_build',
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
  inputs = {
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
    getTemplateInsights: () => ({ templateId: template.id, since: new Date(0), until: new Date() }),
    getTemplateByIdForBuild: () => ({ id: template.id }),
    getTemplateByOrganizationAndName: () => ({ organizationId: org.id, name: template.name }),
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
    insertApiKey: () => ({
      id: randomBytes(5).toString('hex'),
      userId: alice.id,
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
      return { hash, createdBy: alice.id, mimetype: 'application/x-tar', data };
    },
    insertGroup: () => ({ organizationId: org.id, name: 'fresh-group' }),
    insertGroupMember: () => ({ groupId: group.id, userId: bob.id }),
    insertOrganization: () => ({ name: 'fresh-org' }),
    insertOrganizationMember: () => ({ organizationId: org.id, userId: PREBUILDS_USER_ID }),
    insertProvisionerJob: () => ({
      organizationId: org.id,
      initiatorId: alice.id,
      type: 'workspace_build',
    }),
    insertTemplate: () => ({ organizationId: org.id, name: 'fresh-template', createdBy: alice.id }),
    insertTemplateVersion: () => ({
      organizationId: org.id,
      jobId: freeJob.id,
      createdBy: alice.id,
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
      initiatorId: alice.id,
      jobId: freeJob.id,
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
});
afterAll(() => database.close());

describe('the system actor matrix', () => {
  it('has a real-row input for every store method, which the raw store accepts', async () => {
    expect(Object.keys(inputs).sort()).toEqual(rawMethodNames());
    const rejected: string[] = [];
    for (const name of rawMethodNames()) {
      const input = inputs[name]!();
      const outcome = await rolledBack(raw, (tx) =>
        (tx as unknown as Record<string, (i: unknown) => Promise<unknown>>)[name]!(input),
      );
      const empty = outcome.value === 0 || (Array.isArray(outcome.value) && !outcome.value.length);
      if (outcome.error !== undefined || (isList(name) && empty)) {
        rejected.push(`${name}: ${String(outcome.error ?? 'no rows')}`);
      }
    }
    expect(rejected).toEqual([]);
  });

  it.each(Object.keys(systemActors) as SystemActorName[])(
    '%s is refused every method outside its job',
    async (name) => {
      const bound = store.as(systemActors[name]);
      const allowed: string[] = [];
      for (const method of rawMethodNames()) {
        const input = inputs[method]!();
        const outcome = await rolledBack(bound, (tx) => callStore(tx, method, input));
        if (!refused(method, outcome)) allowed.push(method);
      }
      expect(allowed).toEqual([...jobs[name]].sort());
    },
  );
});
