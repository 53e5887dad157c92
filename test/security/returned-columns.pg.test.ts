import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import type { SystemActorName } from '../../src/dbauthz/system-actors/system-actors.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { callStore } from '../support/verify/store-calls.ts';
import { seedMethodWorld } from './support/method-world.ts';
import { keysAtAnyDepth, type ReturnedShape, returnedShape } from './support/returned-shape.ts';

// Returned columns are part of the contract: every method of the authorized store is pinned to
// the exact top-level keys of what it returns (of each row for a list), called on real rows by an
// actor allowed to run it. A column added to a table, or a `select()` widened, changes a result
// and fails here by name, so a secret column cannot start leaking silently. Every call runs in a
// transaction that is rolled back, so the calls are independent of each other.

// Row shapes shared by several methods (sorted keys).
const workspace = [
  'autostartSchedule',
  'createdAt',
  'deleted',
  'deletingAt',
  'dormantAt',
  'groupAcl',
  'id',
  'lastUsedAt',
  'name',
  'organizationId',
  'ownerId',
  'templateId',
  'updatedAt',
  'userAcl',
];
const template = [
  'activeVersionId',
  'createdAt',
  'createdBy',
  'deleted',
  'description',
  'displayName',
  'groupAcl',
  'icon',
  'id',
  'name',
  'organizationId',
  'provisioner',
  'requireActiveVersion',
  'timeTilDormant',
  'timeTilDormantAutodelete',
  'updatedAt',
  'userAcl',
];
const user = [
  'avatarUrl',
  'createdAt',
  'deleted',
  'email',
  'id',
  'isSystem',
  'lastSeenAt',
  'name',
  'rbacRoles',
  'status',
  'updatedAt',
  'username',
];
const organization = [
  'createdAt',
  'defaultOrgMemberRoles',
  'deleted',
  'description',
  'displayName',
  'icon',
  'id',
  'isDefault',
  'name',
  'shareableWorkspaceOwners',
  'updatedAt',
];
const group = [
  'avatarUrl',
  'createdAt',
  'displayName',
  'id',
  'name',
  'organizationId',
  'quotaAllowance',
  'source',
  'updatedAt',
];
const customRole = [
  'createdAt',
  'displayName',
  'id',
  'isSystem',
  'memberPermissions',
  'name',
  'orgPermissions',
  'organizationId',
  'sitePermissions',
  'updatedAt',
  'userPermissions',
];
const provisionerJob = [
  'completedAt',
  'createdAt',
  'error',
  'fileId',
  'id',
  'initiatorId',
  'input',
  'organizationId',
  'provisioner',
  'startedAt',
  'status',
  'tags',
  'type',
  'updatedAt',
  'workerId',
];
const templateVersion = [
  'createdAt',
  'createdBy',
  'id',
  'jobId',
  'message',
  'name',
  'organizationId',
  'readme',
  'templateId',
  'updatedAt',
];
const build = [
  'buildNumber',
  'createdAt',
  'deadline',
  'id',
  'initiatorByAvatarUrl',
  'initiatorByUsername',
  'initiatorId',
  'jobId',
  'reason',
  'templateVersionId',
  'transition',
  'updatedAt',
  'workspaceId',
];
const agent = [
  'architecture',
  'buildId',
  'createdAt',
  'directory',
  'firstConnectedAt',
  'id',
  'lastConnectedAt',
  'lifecycleState',
  'name',
  'operatingSystem',
  'updatedAt',
];
const apiKey = [
  'allowList',
  'createdAt',
  'expiresAt',
  'hashedSecret',
  'id',
  'lastUsed',
  'scopes',
  'tokenName',
  'updatedAt',
  'userId',
];
/** An API key as every read but the authentication lookup returns it: no hashed secret. */
const apiKeySummary = apiKey.filter((key) => key !== 'hashedSecret');
const userSecret = [
  'createdAt',
  'description',
  'envName',
  'filePath',
  'id',
  'name',
  'updatedAt',
  'userId',
  'value',
];
const member = ['createdAt', 'organizationId', 'roles', 'updatedAt', 'userId'];
const daemon = [
  'createdAt',
  'id',
  'lastSeenAt',
  'name',
  'organizationId',
  'provisioners',
  'tags',
  'version',
];
const file = ['createdAt', 'createdBy', 'data', 'hash', 'id', 'mimetype'];
const boundaryLog = [
  'agentId',
  'allowed',
  'id',
  'matchedRule',
  'method',
  'organizationId',
  'ownerId',
  'sessionId',
  'time',
  'url',
  'workspaceId',
];
const auditLog = [
  'action',
  'diff',
  'id',
  'ip',
  'organizationId',
  'requestId',
  'resourceId',
  'resourceTarget',
  'resourceType',
  'statusCode',
  'time',
  'userAgent',
  'userId',
];
const connectionLog = [
  'agentName',
  'code',
  'connectTime',
  'connectionId',
  'disconnectReason',
  'disconnectTime',
  'id',
  'ip',
  'organizationId',
  'type',
  'userId',
  'workspaceId',
  'workspaceName',
  'workspaceOwnerId',
];
const usageSummary = [
  'allowedRequests',
  'deniedRequests',
  'replicas',
  'uniqueUsersCount',
  'uniqueWorkspacesCount',
];

/** Method -> the exact keys it returns (sorted; of each row for a list), or `'number'` / `'undefined'`. */
const returnedColumns: Record<string, ReturnedShape> = {
  acquireProvisionerJob: provisionerJob,
  claimPrebuiltWorkspace: workspace,
  completeProvisionerJob: provisionerJob,
  countApiKeysByUser: 'number',
  countAuditLogs: 'number',
  countBoundaryLogs: 'number',
  countConnectionLogs: 'number',
  countGroupMembers: 'number',
  countOrganizationMembers: 'number',
  countOrganizations: 'number',
  countTemplateVersionsByTemplate: 'number',
  countTemplates: 'number',
  countUserSecrets: 'number',
  countUsers: 'number',
  countWorkspaceBuildsByWorkspace: 'number',
  countWorkspaces: 'number',
  createUserSecret: userSecret,
  deleteApiKey: 'undefined',
  deleteBoundaryLogsOlderThan: 'number',
  deleteBoundarySessionsOlderThan: 'number',
  deleteBoundaryUsageStatsByReplica: 'number',
  deleteConnectionLogsOlderThan: 'number',
  deleteCustomRole: 'undefined',
  deleteGroup: 'undefined',
  deleteGroupMember: 'undefined',
  deleteOrganization: 'undefined',
  deleteOrganizationMember: 'undefined',
  deleteUserSecret: 'undefined',
  getAndResetBoundaryUsageSummary: usageSummary,
  getApiKeyAuthorization: ['key', 'user'],
  getApiKeyById: apiKey,
  getAuthorizationUserRoles: ['groupIds', 'id', 'memberships', 'siteRoles', 'status'],
  getBoundaryUsageSummary: usageSummary,
  getBuildWorkspaceAndTemplate: ['template', 'workspace'],
  getCustomRolesByNames: customRole,
  getFileById: file,
  getGroupById: group,
  getGroupByName: group,
  getGroupsOfUser: group,
  getLatestWorkspaceBuildByWorkspace: build,
  getOrganizationById: organization,
  getOrganizationByName: organization,
  getOrganizationMember: member,
  getOrganizationMembershipsOfUser: member,
  getProvisionerDaemonByOrganizationAndName: daemon,
  getProvisionerJobById: provisionerJob,
  getProvisionerStateByBuildId: ['id', 'provisionerState', 'templateVersionId', 'workspaceId'],
  getTemplateById: template,
  getTemplateByIdForBuild: template,
  getTemplateByOrganizationAndName: template,
  getTemplateInsights: [
    'activeUsers',
    'since',
    'templateId',
    'until',
    'workspaceBuilds',
    'workspaces',
  ],
  getTemplateVersionById: templateVersion,
  getUserById: user,
  getUserByUsername: user,
  getUserRoles: ['groupIds', 'id', 'isSystem', 'orgRoles', 'siteRoles', 'status', 'username'],
  getUserSecretByName: userSecret,
  getWorkspaceAgentByAuthToken: agent,
  getWorkspaceAgentById: agent,
  getWorkspaceAgentsByBuild: agent,
  getWorkspaceBuildById: build,
  getWorkspaceByAgentId: workspace,
  getWorkspaceById: workspace,
  getWorkspaceByOwnerAndName: workspace,
  insertApiKey: apiKey,
  insertAuditLog: auditLog,
  insertBoundaryLogs: boundaryLog,
  insertBoundarySession: [
    'agentId',
    'endedAt',
    'id',
    'organizationId',
    'ownerId',
    'startedAt',
    'workspaceId',
  ],
  insertCustomRole: customRole,
  insertFile: file,
  insertGroup: group,
  insertGroupMember: ['createdAt', 'groupId', 'updatedAt', 'userId'],
  insertOrganization: organization,
  insertOrganizationMember: member,
  insertProvisionerJob: provisionerJob,
  insertTemplate: template,
  insertTemplateVersion: templateVersion,
  insertUser: user,
  insertWorkspace: workspace,
  insertWorkspaceAgent: ['agent', 'authToken'],
  insertWorkspaceBuild: build,
  listApiKeysByUser: apiKeySummary,
  listAuditLogs: auditLog,
  listBoundaryLogs: boundaryLog,
  listConnectionLogs: connectionLog,
  listCustomRoles: customRole,
  listGroupMembers: ['email', 'groupId', 'name', 'userId', 'username'],
  listGroups: group,
  listOrganizationMembers: [
    'createdAt',
    'email',
    'name',
    'organizationId',
    'roles',
    'updatedAt',
    'userId',
    'username',
  ],
  listOrganizations: organization,
  listProvisionerDaemons: daemon,
  listTemplateVersionsByTemplate: templateVersion,
  listTemplates: template,
  listTemplatesUsingFile: template,
  listUserSecrets: [
    'createdAt',
    'description',
    'envName',
    'filePath',
    'id',
    'name',
    'updatedAt',
    'userId',
  ],
  listUserSecretsWithValues: userSecret,
  listUsers: user,
  listWorkspaceBuildsByWorkspace: build,
  listWorkspaces: workspace,
  resetBoundaryUsageStats: 'number',
  softDeleteTemplate: 'undefined',
  softDeleteWorkspace: 'undefined',
  updateApiKeyLastUsed: apiKeySummary,
  updateCustomRole: customRole,
  updateGroup: group,
  updateOrganization: organization,
  updateOrganizationMemberRoles: member,
  updateProvisionerDaemonLastSeenAt: daemon,
  updateProvisionerState: 'undefined',
  updateTemplateAcl: template,
  updateTemplateMeta: template,
  updateUserProfile: user,
  updateUserRoles: user,
  updateUserSecret: userSecret,
  updateUserStatus: user,
  updateWorkspace: workspace,
  updateWorkspaceAcl: workspace,
  updateWorkspaceDormantAt: workspace,
  upsertBoundaryUsageStats: [
    'allowedRequests',
    'deniedRequests',
    'replicaId',
    'uniqueUsersCount',
    'uniqueWorkspacesCount',
    'updatedAt',
    'windowStart',
  ],
  upsertConnectionLog: connectionLog,
  upsertProvisionerDaemon: daemon,
};

/**
 * Secret material and the only methods allowed to return it (at any depth of the result): the
 * rule of the README's security model. Anything else returning one of these keys is a leak.
 */
const secretKeys: Record<string, readonly string[]> = {
  // An agent's token: returned once, by the insert that generates it; its hash never.
  authToken: ['insertWorkspaceAgent'],
  authTokenHash: [],
  // Terraform state: only the named read for template administrators and the provisioner actors.
  provisionerState: ['getProvisionerStateByBuildId'],
  // A secret's value: the named reads, and the user's own create/update echoing what they wrote.
  value: [
    'createUserSecret',
    'getUserSecretByName',
    'listUserSecretsWithValues',
    'updateUserSecret',
  ],
};

/**
 * An API key's hash: the lookups that authenticate a key (`getApiKeyById`, and
 * `getApiKeyAuthorization` with the owner's rows; their caller compares the presented secret's hash) and the insert echoing the hash its caller just supplied.
 */
const apiKeyHashAllowedIn = ['getApiKeyAuthorization', 'getApiKeyById', 'insertApiKey'];

/** Who calls each method (a site owner unless named here). */
type Caller = 'owner' | 'alice' | SystemActorName;
const callers: Partial<Record<string, Caller>> = {
  acquireProvisionerJob: 'asProvisionerd',
  completeProvisionerJob: 'asProvisionerd',
  insertWorkspaceAgent: 'asProvisionerd',
  upsertProvisionerDaemon: 'asProvisionerd',
  updateProvisionerState: 'asProvisionerd',
  updateProvisionerDaemonLastSeenAt: 'asProvisionerd',
  deleteBoundaryLogsOlderThan: 'asDBPurge',
  deleteBoundarySessionsOlderThan: 'asDBPurge',
  deleteConnectionLogsOlderThan: 'asDBPurge',
  deleteBoundaryUsageStatsByReplica: 'asBoundaryUsageTracker',
  getAndResetBoundaryUsageSummary: 'asBoundaryUsageTracker',
  getBoundaryUsageSummary: 'asBoundaryUsageTracker',
  resetBoundaryUsageStats: 'asBoundaryUsageTracker',
  upsertBoundaryUsageStats: 'asBoundaryUsageTracker',
  upsertConnectionLog: 'asConnectionLogger',
  insertBoundaryLogs: 'alice',
  insertBoundarySession: 'alice',
  createUserSecret: 'alice',
  countUserSecrets: 'alice',
  deleteUserSecret: 'alice',
  getUserSecretByName: 'alice',
  listUserSecrets: 'alice',
  listUserSecretsWithValues: 'asSecretsReader',
  updateUserSecret: 'alice',
};

const database = databaseForFile();
let store: AuthorizedStore;
let methodNames: string[];
let actors: Record<Caller, AuthorizedStore>;
let inputs: Record<string, () => unknown>;

class Rollback extends Error {}

/** Calls `method` as its caller in a transaction that is always rolled back, and returns its result. */
async function observe(method: string): Promise<unknown> {
  const caller = callers[method] ?? 'owner';
  const bound = actors[caller];
  const inputOf = inputs[method];
  if (inputOf === undefined)
    throw new Error(`no input for ${method}: add one, and its table entry`);
  const input = inputOf();
  let value: unknown;
  try {
    await bound.inTx(async (tx) => {
      value = await callStore(tx, method, input);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      const detail = (error as { detail?: unknown }).detail;
      const why = detail === undefined ? '' : ` ${JSON.stringify(detail)}`;
      throw new Error(`${method} as ${caller}: ${String(error)}${why}`, { cause: error });
    }
  }
  return value;
}

beforeAll(async () => {
  const { db } = database;
  const raw = createRawStore(db);
  methodNames = Object.keys(raw)
    .filter((name) => name !== 'inTx')
    .sort();
  store = createAuthorizedStore(raw);
  const world = await seedMethodWorld(db);
  inputs = world.inputs;
  const owner = store.as(createSubject({ id: world.owner.id, roles: ['member', 'owner'] }));
  const self = store.as(
    createSubject({
      id: world.alice.id,
      roles: ['member', { name: 'organization-member', org: world.org.id }],
    }),
  );
  actors = {
    owner,
    alice: self,
    asSystemRestricted: store.asSystemRestricted(),
    asWorkspaceBuilder: store.asWorkspaceBuilder(),
    asProvisionerd: store.asProvisionerd(),
    asAutostart: store.asAutostart(),
    asDBPurge: store.asDBPurge(),
    asPrebuildsOrchestrator: store.asPrebuildsOrchestrator(),
    asBoundaryUsageTracker: store.asBoundaryUsageTracker(),
    asConnectionLogger: store.asConnectionLogger(),
    asNotifier: store.asNotifier(),
    asKeyRotator: store.asKeyRotator(),
    asSecretsReader: store.asSecretsReader(),
  };
});

/** Each method's result, called once as its caller (memoized: the calls are rolled back). */
const results = new Map<string, Promise<unknown>>();
function resultOf(method: string): Promise<unknown> {
  let result = results.get(method);
  if (result === undefined) {
    result = observe(method);
    results.set(method, result);
  }
  return result;
}

/** The methods whose result holds `key` at any depth, sorted. */
async function methodsReturning(key: string): Promise<string[]> {
  const returning: string[] = [];
  for (const method of methodNames) {
    if (keysAtAnyDepth(await resultOf(method)).has(key)) returning.push(method);
  }
  return returning;
}

describe('returned columns are part of the contract', () => {
  it('pins every method of the store, and only those', () => {
    const pinned = Object.keys(returnedColumns).sort();
    expect({
      missingFromTable: methodNames.filter((name) => !pinned.includes(name)),
      notAMethod: pinned.filter((name) => !methodNames.includes(name)),
    }).toEqual({ missingFromTable: [], notAMethod: [] });
    const notOnStore = methodNames.filter(
      (name) => typeof (store as unknown as Record<string, unknown>)[name] !== 'function',
    );
    expect(notOnStore).toEqual([]);
    const stale = [...Object.keys(inputs), ...Object.keys(callers)].filter(
      (name) => !methodNames.includes(name),
    );
    expect(stale).toEqual([]);
  });

  it.each(Object.keys(returnedColumns).sort())(
    '%s returns exactly its pinned columns',
    async (method) => {
      expect(returnedShape(await resultOf(method))).toEqual(returnedColumns[method]);
    },
  );

  it('insertWorkspaceAgent returns the new token once, beside an agent as every agent read shows it', async () => {
    const result = (await resultOf('insertWorkspaceAgent')) as {
      agent: unknown;
      authToken: unknown;
    };
    expect(returnedShape(result.agent)).toEqual(agent);
    expect(result.authToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('getBuildWorkspaceAndTemplate returns a workspace and a template with their usual columns', async () => {
    const result = (await resultOf('getBuildWorkspaceAndTemplate')) as {
      workspace: unknown;
      template: unknown;
    };
    expect(returnedShape(result.workspace)).toEqual(workspace);
    expect(returnedShape(result.template)).toEqual(template);
  });

  it('getApiKeyAuthorization returns a key as getApiKeyById does and its owner as getAuthorizationUserRoles does', async () => {
    const result = (await resultOf('getApiKeyAuthorization')) as { key: unknown; user: unknown };
    expect(returnedShape(result.key)).toEqual(returnedColumns.getApiKeyById);
    expect(returnedShape(result.user)).toEqual(returnedColumns.getAuthorizationUserRoles);
  });

  it('getUserRoles returns org roles as organization and role names only', async () => {
    const result = (await resultOf('getUserRoles')) as { orgRoles: unknown };
    expect(returnedShape(result.orgRoles)).toEqual(['organizationId', 'roles']);
  });
});

describe('secret material comes out only of the methods named for it', () => {
  it('names only methods that exist', () => {
    const named = [...Object.values(secretKeys).flat(), ...apiKeyHashAllowedIn];
    expect(named.filter((name) => !methodNames.includes(name))).toEqual([]);
  });

  it.each(Object.keys(secretKeys))('%s appears only where the rule allows it', async (key) => {
    expect(await methodsReturning(key)).toEqual([...(secretKeys[key] ?? [])].sort());
  });
});

// `hashedSecret` comes back only from the authentication lookup and from the insert that was just
// given it: lists and the last-used update return the key without it.
describe('API key hashes', () => {
  it('hashedSecret appears only where the rule allows it', async () => {
    expect(await methodsReturning('hashedSecret')).toEqual([...apiKeyHashAllowedIn].sort());
  });
});
