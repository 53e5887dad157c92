import { NotFoundError } from '../../../db/errors.ts';
import type { ExpectedCheck } from '../support/recording-authorizer.ts';
import { auditActor } from '../support/run-audit-suite.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { templateObj, w, workspaceObj } from './workspace-fixtures.ts';

const { workspace, build } = w;
const live = workspaceObj(workspace);
const prebuildRow = { ...workspace, ownerId: w.prebuildsUser };
const prebuild = workspaceObj(prebuildRow);
const strict = { ...w.template, requireActiveVersion: true };
const state = { id: build.id, workspaceId: workspace.id, provisionerState: Buffer.from('tf') };
const buildInput = (transition: string, templateVersionId: string = w.activeVersion) => ({
  workspaceId: workspace.id,
  templateVersionId,
  transition,
  initiatorId: auditActor.id,
  jobId: w.job.id,
});
/** The build's job: a workspace build job of the workspace's org. */
const job = { ...w.job, type: 'workspace_build', initiatorId: auditActor.id };
/** Another version of the workspace's template, and one of another template. */
const otherOfSame = { ...w.version, id: w.otherVersion };
const foreignVersion = {
  ...w.version,
  id: w.otherVersion,
  templateId: 'b0d17000-0000-4000-8000-0000000000a9',
};
const viaBuild = { getWorkspaceBuildById: build, getWorkspaceById: workspace };
/** The transition decided again in the INSERT: live and dormant filters, then the prebuilt fallback. */
const buildGuard = (transition: 'start' | 'stop' | 'delete'): ExpectedCheck[] => {
  const prebuilt = transition === 'delete' ? 'delete' : 'update';
  return [
    { action: transition, filter: 'workspace' },
    { action: transition, filter: 'workspace_dormant' },
    { action: prebuilt, filter: 'prebuilt_workspace' },
    { action: prebuilt, filter: 'prebuilt_workspace' },
  ];
};
/** What the provisioner-state check loads in one statement. */
const checkRows = { workspace, template: w.template };

/** Spec rows of the builds area. */
export const workspaceBuildsSpecs: SpecRow[] = [
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('start', w.otherVersion),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: foreignVersion,
      insertWorkspaceBuild: build,
    },
    checks: [{ action: 'start', object: live }],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceById', 'getProvisionerJobById', 'getTemplateVersionById'],
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('start'),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: w.version,
      getTemplateById: w.template,
      insertWorkspaceBuild: build,
    },
    checks: [{ action: 'start', object: live }, ...buildGuard('start')],
    returns: build,
    rawCalls: [
      'getWorkspaceById',
      'getProvisionerJobById',
      'getTemplateVersionById',
      'getTemplateById',
      'insertWorkspaceBuild',
    ],
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('stop'),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: w.version,
      insertWorkspaceBuild: build,
    },
    checks: [{ action: 'stop', object: live }, ...buildGuard('stop')],
    returns: build,
    rawCalls: [
      'getWorkspaceById',
      'getProvisionerJobById',
      'getTemplateVersionById',
      'insertWorkspaceBuild',
    ],
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('delete'),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: w.version,
      insertWorkspaceBuild: build,
    },
    checks: [{ action: 'delete', object: live }, ...buildGuard('delete')],
    returns: build,
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('start', w.otherVersion),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: otherOfSame,
      getTemplateById: strict,
      insertWorkspaceBuild: build,
    },
    checks: [
      { action: 'start', object: live },
      { action: 'update', object: templateObj },
      ...buildGuard('start'),
    ],
    returns: build,
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('start', w.otherVersion),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: otherOfSame,
      getTemplateById: strict,
      insertWorkspaceBuild: build,
    },
    checks: [
      { action: 'start', object: live },
      { action: 'update', object: templateObj, allowed: false },
    ],
    rejects: 'forbidden',
    rawCalls: [
      'getWorkspaceById',
      'getProvisionerJobById',
      'getTemplateVersionById',
      'getTemplateById',
    ],
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('start'),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: job,
      getTemplateVersionById: w.version,
      getTemplateById: strict,
      insertWorkspaceBuild: build,
    },
    checks: [{ action: 'start', object: live }, ...buildGuard('start')],
    returns: build,
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('delete'),
    rawAnswers: {
      getWorkspaceById: prebuildRow,
      getProvisionerJobById: job,
      getTemplateVersionById: w.version,
      insertWorkspaceBuild: build,
    },
    checks: [
      { action: 'delete', object: prebuild, allowed: false },
      { action: 'delete', object: { ...prebuild, type: 'prebuilt_workspace' } },
      ...buildGuard('delete'),
    ],
    returns: build,
  },
  {
    method: 'insertWorkspaceBuild',
    input: buildInput('stop'),
    rawAnswers: {
      getWorkspaceById: prebuildRow,
      getProvisionerJobById: job,
      getTemplateVersionById: w.version,
      insertWorkspaceBuild: build,
    },
    checks: [
      { action: 'stop', object: prebuild, allowed: false },
      { action: 'update', object: { ...prebuild, type: 'prebuilt_workspace' } },
      ...buildGuard('stop'),
    ],
    returns: build,
  },
  {
    // A human actor naming someone else as the initiator: refused before any lookup.
    method: 'insertWorkspaceBuild',
    input: { ...buildInput('stop'), initiatorId: w.owner },
    rawAnswers: { getWorkspaceById: workspace },
    checks: [{ action: 'stop', object: live }],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceById'],
  },
  {
    // A job of another org (or not a build job) is a mismatch, before the version lookup.
    method: 'insertWorkspaceBuild',
    input: buildInput('stop'),
    rawAnswers: {
      getWorkspaceById: workspace,
      getProvisionerJobById: { ...job, organizationId: 'b0d17000-0000-4000-8000-0000000000f9' },
    },
    checks: [{ action: 'stop', object: live }],
    rejects: 'forbidden',
    rawCalls: ['getWorkspaceById', 'getProvisionerJobById'],
  },
  {
    method: 'getWorkspaceBuildById',
    input: { id: build.id },
    rawAnswers: viaBuild,
    checks: [{ action: 'read', object: live }],
    returns: build,
    rawCalls: ['getWorkspaceBuildById', 'getWorkspaceById'],
  },
  {
    method: 'getLatestWorkspaceBuildByWorkspace',
    input: { workspaceId: workspace.id },
    rawAnswers: { getWorkspaceById: workspace, getLatestWorkspaceBuildByWorkspace: build },
    checks: [{ action: 'read', object: live }],
    returns: build,
    rawCalls: ['getWorkspaceById', 'getLatestWorkspaceBuildByWorkspace'],
  },
  {
    method: 'listWorkspaceBuildsByWorkspace',
    input: { workspaceId: workspace.id },
    rawAnswers: { getWorkspaceById: workspace, listWorkspaceBuildsByWorkspace: [build] },
    checks: [{ action: 'read', object: live }],
    returns: [build],
    rawCalls: ['getWorkspaceById', 'listWorkspaceBuildsByWorkspace'],
  },
  {
    method: 'countWorkspaceBuildsByWorkspace',
    input: { workspaceId: workspace.id },
    rawAnswers: { getWorkspaceById: workspace, countWorkspaceBuildsByWorkspace: 1 },
    checks: [{ action: 'read', object: live }],
    returns: 1,
  },
  {
    method: 'getProvisionerStateByBuildId',
    input: { id: build.id },
    rawAnswers: {
      getBuildWorkspaceAndTemplate: checkRows,
      getProvisionerStateByBuildId: state,
    },
    checks: [{ action: 'update', object: templateObj }],
    returns: state,
    rawCalls: ['getBuildWorkspaceAndTemplate', 'getProvisionerStateByBuildId'],
  },
  {
    // A missing build costs the same one lookup as a denied one, and never reads the state.
    method: 'getProvisionerStateByBuildId',
    input: { id: build.id },
    rawAnswers: { getBuildWorkspaceAndTemplate: new NotFoundError('workspace build') },
    checks: [],
    rejects: 'forbidden',
    rawCalls: ['getBuildWorkspaceAndTemplate'],
  },
  {
    method: 'getBuildWorkspaceAndTemplate',
    input: { id: build.id },
    rawAnswers: { getBuildWorkspaceAndTemplate: checkRows },
    checks: [{ action: 'read', object: { type: 'system' } }],
    returns: checkRows,
    rawCalls: ['getBuildWorkspaceAndTemplate'],
  },
  {
    method: 'updateProvisionerState',
    input: { id: build.id, provisionerState: Buffer.from('tf') },
    rawAnswers: { updateProvisionerState: undefined },
    checks: [
      { action: 'update', filter: 'workspace' },
      { action: 'update', filter: 'workspace_dormant' },
    ],
    rawCalls: ['updateProvisionerState'],
  },
];
