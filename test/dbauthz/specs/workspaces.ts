import { NotFoundError } from '../../../db/errors.ts';
import type { Action } from '../../../src/rbac/catalogue.ts';
import type { ExpectedCheck } from '../support/recording-authorizer.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { w, workspaceObj } from './workspace-fixtures.ts';

const { workspace } = w;

/** The two filters of a workspace guard or list: live rows, then dormant rows. */
const splitChecks = (action: Action, allowed = true): ExpectedCheck[] =>
  (['workspace', 'workspace_dormant'] as const).map((filter) =>
    allowed ? { action, filter } : { action, filter, predicate: { op: 'false' } },
  );
/** The prebuilt fallback's two filters (live and dormant column maps). */
const prebuiltChecks = (action: Action, allowed = true): ExpectedCheck[] =>
  [0, 1].map(() =>
    allowed
      ? { action, filter: 'prebuilt_workspace' }
      : { action, filter: 'prebuilt_workspace', predicate: { op: 'false' } },
  );
/** A prebuild-aware write guard: the workspace filters, then the prebuilt fallback's. */
const guardChecks = (action: Action, prebuilt: Action) => [
  ...splitChecks(action),
  ...prebuiltChecks(prebuilt),
];
const live = workspaceObj(workspace);
const dormantRow = { ...workspace, dormantAt: new Date('2025-01-01T00:00:00Z') };
const prebuildRow = { ...workspace, ownerId: w.prebuildsUser };
const byId = { getWorkspaceById: workspace };
const claimer = 'b0d17000-0000-4000-8000-0000000000e2';
const otherOrg = 'b0d17000-0000-4000-8000-0000000000f2';

/** Spec rows of the workspaces area (two filters per list: live and dormant rows). */
export const workspacesSpecs: SpecRow[] = [
  {
    // `create` from the input, then `use` on the template decided in the INSERT (its filter).
    method: 'insertWorkspace',
    input: { ownerId: w.owner, organizationId: w.org, templateId: w.template.id, name: 'dev' },
    rawAnswers: { insertWorkspace: workspace },
    checks: [
      { action: 'create', object: { type: 'workspace', owner: w.owner, org: w.org } },
      { action: 'use', filter: 'template' },
    ],
    returns: workspace,
    rawCalls: ['insertWorkspace'],
  },
  {
    method: 'insertWorkspace',
    input: { ownerId: w.owner, organizationId: w.org, templateId: w.template.id, name: 'dev' },
    rawAnswers: { insertWorkspace: workspace },
    checks: [
      { action: 'create', object: { type: 'workspace', owner: w.owner, org: w.org } },
      { action: 'use', filter: 'template', predicate: { op: 'false' } },
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // A template the guard excludes (another org's, a deleted or missing one): one ForbiddenError.
    method: 'insertWorkspace',
    input: { ownerId: w.owner, organizationId: otherOrg, templateId: w.template.id, name: 'dev' },
    rawAnswers: { insertWorkspace: new NotFoundError('template') },
    checks: [
      { action: 'create', object: { type: 'workspace', owner: w.owner, org: otherOrg } },
      { action: 'use', filter: 'template' },
    ],
    rejects: 'forbidden',
    rawCalls: ['insertWorkspace'],
  },
  {
    method: 'getWorkspaceById',
    input: { id: workspace.id },
    rawAnswers: byId,
    checks: [{ action: 'read', object: live }],
    returns: workspace,
  },
  {
    method: 'getWorkspaceById',
    input: { id: workspace.id },
    rawAnswers: { getWorkspaceById: dormantRow },
    checks: [{ action: 'read', object: workspaceObj(dormantRow) }],
    returns: dormantRow,
  },
  {
    method: 'getWorkspaceByOwnerAndName',
    input: { ownerId: w.owner, name: 'dev' },
    rawAnswers: { getWorkspaceByOwnerAndName: workspace },
    checks: [{ action: 'read', object: live }],
    returns: workspace,
  },
  {
    method: 'getWorkspaceByAgentId',
    input: { agentId: w.agent.id },
    rawAnswers: { getWorkspaceByAgentId: workspace },
    checks: [{ action: 'read', object: live }],
    returns: workspace,
  },
  {
    method: 'listWorkspaces',
    input: {},
    rawAnswers: { listWorkspaces: [workspace] },
    checks: [
      { action: 'read', filter: 'workspace' },
      { action: 'read', filter: 'workspace_dormant' },
    ],
    returns: [workspace],
  },
  {
    method: 'countWorkspaces',
    input: {},
    rawAnswers: { countWorkspaces: 4 },
    checks: [
      { action: 'read', filter: 'workspace' },
      { action: 'read', filter: 'workspace_dormant' },
    ],
    returns: 4,
  },
  {
    // Guarded writes: the workspace filters (live, dormant) and the prebuilt fallback ride in the
    // UPDATE, so nothing is read first.
    method: 'updateWorkspace',
    input: { id: workspace.id, name: 'renamed' },
    rawAnswers: { updateWorkspace: workspace },
    checks: guardChecks('update', 'update'),
    returns: workspace,
    rawCalls: ['updateWorkspace'],
  },
  {
    method: 'updateWorkspaceDormantAt',
    input: { id: workspace.id, dormantAt: null },
    rawAnswers: { updateWorkspaceDormantAt: workspace },
    checks: guardChecks('update', 'update'),
    returns: workspace,
    rawCalls: ['updateWorkspaceDormantAt'],
  },
  {
    // `share` and each granted action, all in the UPDATE.
    method: 'updateWorkspaceAcl',
    input: { id: workspace.id, userAcl: { [claimer]: ['read'] }, groupAcl: {} },
    rawAnswers: { updateWorkspaceAcl: workspace },
    checks: [...splitChecks('share'), ...splitChecks('read')],
    returns: workspace,
    rawCalls: ['updateWorkspaceAcl'],
  },
  {
    // A sharer who does not hold `ssh` anywhere cannot grant it: no query at all.
    method: 'updateWorkspaceAcl',
    input: {
      id: workspace.id,
      userAcl: { [claimer]: ['read', 'ssh'] },
      groupAcl: { [w.org]: ['ssh', 'start'] },
    },
    rawAnswers: { updateWorkspaceAcl: workspace },
    checks: [
      ...splitChecks('share'),
      ...splitChecks('read'),
      ...splitChecks('ssh', false),
      ...splitChecks('start'),
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    method: 'updateWorkspaceAcl',
    input: { id: workspace.id, userAcl: { [claimer]: ['*'] }, groupAcl: {} },
    rawAnswers: { updateWorkspaceAcl: workspace },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    method: 'softDeleteWorkspace',
    input: { id: workspace.id },
    rawAnswers: { softDeleteWorkspace: undefined },
    checks: guardChecks('delete', 'delete'),
    rawCalls: ['softDeleteWorkspace'],
  },
  {
    // Only the prebuilt fallback allows: the guard still has a condition, the write runs.
    method: 'softDeleteWorkspace',
    input: { id: workspace.id },
    rawAnswers: { softDeleteWorkspace: undefined },
    checks: [...splitChecks('delete', false), ...prebuiltChecks('delete')],
    rawCalls: ['softDeleteWorkspace'],
  },
  {
    method: 'softDeleteWorkspace',
    input: { id: workspace.id },
    rawAnswers: { softDeleteWorkspace: undefined },
    checks: [...splitChecks('delete', false), ...prebuiltChecks('delete', false)],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    method: 'claimPrebuiltWorkspace',
    input: { id: workspace.id, newOwnerId: claimer, name: 'mine' },
    rawAnswers: {
      getWorkspaceById: prebuildRow,
      claimPrebuiltWorkspace: { ...workspace, ownerId: claimer },
    },
    // `create` from the prebuild's org; `use` on its template rides in the claiming UPDATE.
    checks: [
      { action: 'create', object: { type: 'workspace', owner: claimer, org: w.org } },
      { action: 'use', filter: 'template' },
    ],
    returns: { ...workspace, ownerId: claimer },
    rawCalls: ['getWorkspaceById', 'claimPrebuiltWorkspace'],
  },
  {
    method: 'claimPrebuiltWorkspace',
    input: { id: workspace.id, newOwnerId: claimer, name: 'mine' },
    rawAnswers: { getWorkspaceById: prebuildRow },
    checks: [
      { action: 'create', object: { type: 'workspace', owner: claimer, org: w.org } },
      { action: 'use', filter: 'template', predicate: { op: 'false' } },
    ],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceById'],
  },
];
