import type { SpecRow } from '../support/spec-row.ts';
import { templateObj, w, workspaceObj } from './workspace-fixtures.ts';

const { workspace } = w;
const live = workspaceObj(workspace);
const dormantRow = { ...workspace, dormantAt: new Date('2025-01-01T00:00:00Z') };
const prebuildRow = { ...workspace, ownerId: w.prebuildsUser };
const prebuild = workspaceObj(prebuildRow);
const byId = { getWorkspaceById: workspace };
const claimer = 'b0d17000-0000-4000-8000-0000000000e2';
const otherOrg = 'b0d17000-0000-4000-8000-0000000000f2';

/** Spec rows of the workspaces area (two filters per list: live and dormant rows). */
export const workspacesSpecs: SpecRow[] = [
  {
    method: 'insertWorkspace',
    input: { ownerId: w.owner, organizationId: w.org, templateId: w.template.id, name: 'dev' },
    rawAnswers: { getTemplateByIdForBuild: w.template, insertWorkspace: workspace },
    checks: [
      { action: 'use', object: templateObj },
      { action: 'create', object: { type: 'workspace', owner: w.owner, org: w.org } },
    ],
    returns: workspace,
    rawCalls: ['getTemplateByIdForBuild', 'insertWorkspace'],
  },
  {
    method: 'insertWorkspace',
    input: { ownerId: w.owner, organizationId: w.org, templateId: w.template.id, name: 'dev' },
    rawAnswers: { getTemplateByIdForBuild: w.template, insertWorkspace: workspace },
    checks: [{ action: 'use', object: templateObj, allowed: false }],
    rejects: 'forbidden',
    rawCalls: ['getTemplateByIdForBuild'],
  },
  {
    method: 'insertWorkspace',
    input: { ownerId: w.owner, organizationId: otherOrg, templateId: w.template.id, name: 'dev' },
    rawAnswers: { getTemplateByIdForBuild: w.template, insertWorkspace: workspace },
    checks: [],
    rejects: 'forbidden',
    rawCalls: ['getTemplateByIdForBuild'],
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
    method: 'updateWorkspace',
    input: { id: workspace.id, name: 'renamed' },
    rawAnswers: { ...byId, updateWorkspace: workspace },
    checks: [{ action: 'update', object: live }],
    returns: workspace,
    rawCalls: ['getWorkspaceById', 'updateWorkspace'],
  },
  {
    method: 'updateWorkspaceDormantAt',
    input: { id: workspace.id, dormantAt: null },
    rawAnswers: { getWorkspaceById: dormantRow, updateWorkspaceDormantAt: workspace },
    checks: [{ action: 'update', object: workspaceObj(dormantRow) }],
    returns: workspace,
    rawCalls: ['getWorkspaceById', 'updateWorkspaceDormantAt'],
  },
  {
    method: 'updateWorkspaceAcl',
    input: { id: workspace.id, userAcl: { [claimer]: ['read'] }, groupAcl: {} },
    rawAnswers: { ...byId, updateWorkspaceAcl: workspace },
    checks: [
      { action: 'share', object: live },
      { action: 'read', object: live },
    ],
    returns: workspace,
    rawCalls: ['getWorkspaceById', 'updateWorkspaceAcl'],
  },
  {
    method: 'updateWorkspaceAcl',
    input: {
      id: workspace.id,
      userAcl: { [claimer]: ['read', 'ssh'] },
      groupAcl: { [w.org]: ['ssh', 'start'] },
    },
    rawAnswers: { ...byId, updateWorkspaceAcl: workspace },
    checks: [
      { action: 'share', object: live },
      { action: 'read', object: live },
      { action: 'ssh', object: live, allowed: false },
    ],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceById'],
  },
  {
    method: 'updateWorkspaceAcl',
    input: { id: workspace.id, userAcl: { [claimer]: ['*'] }, groupAcl: {} },
    rawAnswers: { ...byId, updateWorkspaceAcl: workspace },
    checks: [{ action: 'share', object: live }],
    rejects: 'invalid_input',
    rawCalls: ['getWorkspaceById'],
  },
  {
    method: 'softDeleteWorkspace',
    input: { id: workspace.id },
    rawAnswers: byId,
    checks: [{ action: 'delete', object: live }],
    rawCalls: ['getWorkspaceById', 'softDeleteWorkspace'],
  },
  {
    method: 'softDeleteWorkspace',
    input: { id: workspace.id },
    rawAnswers: { getWorkspaceById: prebuildRow },
    checks: [
      { action: 'delete', object: prebuild, allowed: false },
      { action: 'delete', object: { ...prebuild, type: 'prebuilt_workspace' } },
    ],
    rawCalls: ['getWorkspaceById', 'softDeleteWorkspace'],
  },
  {
    method: 'softDeleteWorkspace',
    input: { id: workspace.id },
    rawAnswers: { getWorkspaceById: prebuildRow },
    checks: [
      { action: 'delete', object: prebuild, allowed: false },
      { action: 'delete', object: { ...prebuild, type: 'prebuilt_workspace' }, allowed: false },
    ],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceById'],
  },
  {
    method: 'claimPrebuiltWorkspace',
    input: { id: workspace.id, newOwnerId: claimer, name: 'mine' },
    rawAnswers: {
      getWorkspaceById: prebuildRow,
      getTemplateByIdForBuild: w.template,
      claimPrebuiltWorkspace: { ...workspace, ownerId: claimer },
    },
    checks: [
      { action: 'create', object: { type: 'workspace', owner: claimer, org: w.org } },
      { action: 'use', object: templateObj },
    ],
    returns: { ...workspace, ownerId: claimer },
    rawCalls: ['getWorkspaceById', 'getTemplateByIdForBuild', 'claimPrebuiltWorkspace'],
  },
];
