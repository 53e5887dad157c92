import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { AuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import {
  type SystemActorName,
  systemActors,
} from '../../src/dbauthz/system-actors/system-actors.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';
import { rawMethodNames } from '../dbauthz/support/raw-method-names.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { callStore } from '../support/verify/store-calls.ts';
import { seedMethodWorld } from './support/method-world.ts';

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

const database = databaseForFile();
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
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  ({ inputs } = await seedMethodWorld(database.db));
});

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
