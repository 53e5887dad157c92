import { NotFoundError } from '../../../db/errors.ts';
import { auditActor } from '../support/run-audit-suite.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { w } from './workspace-fixtures.ts';

const { job, daemon } = w;
const jobObject = { type: 'provisioner_jobs', id: job.id, org: w.org } as const;
const jobsInOrg = { type: 'provisioner_jobs', org: w.org } as const;
const fileId = 'b0d17000-0000-4000-8000-0000000000d5';
const file = { id: fileId, createdBy: w.owner };
const fileObj = { type: 'file', id: fileId, owner: w.owner } as const;
const daemonObj = { type: 'provisioner_daemon', id: daemon.id, org: w.org } as const;
const notFound = new NotFoundError('provisioner daemon');

/** Spec rows of the provisioner area. */
export const provisionersSpecs: SpecRow[] = [
  {
    method: 'insertProvisionerJob',
    input: { organizationId: w.org, initiatorId: auditActor.id, type: 'workspace_build' },
    rawAnswers: { insertProvisionerJob: job },
    checks: [{ action: 'create', object: jobsInOrg }],
    returns: job,
    rawCalls: ['insertProvisionerJob'],
  },
  {
    method: 'insertProvisionerJob',
    input: {
      organizationId: w.org,
      initiatorId: auditActor.id,
      type: 'template_version_import',
      fileId,
    },
    rawAnswers: { getFileById: file, insertProvisionerJob: job },
    checks: [
      { action: 'create', object: jobsInOrg },
      { action: 'read', object: fileObj },
    ],
    returns: job,
    rawCalls: ['getFileById', 'insertProvisionerJob'],
  },
  {
    method: 'insertProvisionerJob',
    input: {
      organizationId: w.org,
      initiatorId: auditActor.id,
      type: 'template_version_import',
      fileId,
    },
    rawAnswers: { getFileById: file, insertProvisionerJob: job },
    checks: [
      { action: 'create', object: jobsInOrg },
      { action: 'read', object: fileObj, allowed: false },
    ],
    rejects: 'forbidden',
    rawCalls: ['getFileById'],
  },
  {
    // A human actor naming someone else as the initiator: refused after the create check.
    method: 'insertProvisionerJob',
    input: { organizationId: w.org, initiatorId: w.owner, type: 'workspace_build' },
    rawAnswers: { insertProvisionerJob: job },
    checks: [{ action: 'create', object: jobsInOrg }],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // The input names a build: it must be one of a workspace in the job's org.
    method: 'insertProvisionerJob',
    input: {
      organizationId: w.org,
      initiatorId: auditActor.id,
      type: 'workspace_build',
      input: { workspaceBuildId: w.build.id },
    },
    rawAnswers: {
      getWorkspaceBuildById: w.build,
      getWorkspaceById: w.workspace,
      insertProvisionerJob: job,
    },
    checks: [{ action: 'create', object: jobsInOrg }],
    returns: job,
    rawCalls: ['getWorkspaceBuildById', 'getWorkspaceById', 'insertProvisionerJob'],
  },
  {
    // ... and a version of another org is refused.
    method: 'insertProvisionerJob',
    input: {
      organizationId: w.org,
      initiatorId: auditActor.id,
      type: 'template_version_import',
      input: { template_version_id: w.version.id },
    },
    rawAnswers: {
      getTemplateVersionById: {
        ...w.version,
        organizationId: 'b0d17000-0000-4000-8000-0000000000f9',
      },
      insertProvisionerJob: job,
    },
    checks: [{ action: 'create', object: jobsInOrg }],
    rejects: 'forbidden',
    rawCalls: ['getTemplateVersionById'],
  },
  {
    method: 'getProvisionerJobById',
    input: { id: job.id },
    rawAnswers: { getProvisionerJobById: job },
    checks: [{ action: 'read', object: jobObject }],
    returns: job,
  },
  {
    method: 'acquireProvisionerJob',
    input: { organizationId: w.org, workerId: daemon.id, provisioners: ['terraform'] },
    rawAnswers: { acquireProvisionerJob: null },
    checks: [{ action: 'update', object: jobsInOrg }],
    returns: null,
    rawCalls: ['acquireProvisionerJob'],
  },
  {
    method: 'completeProvisionerJob',
    input: { id: job.id },
    rawAnswers: { completeProvisionerJob: job },
    checks: [{ action: 'update', filter: 'provisioner_jobs' }],
    returns: job,
    rawCalls: ['completeProvisionerJob'],
  },
  {
    method: 'upsertProvisionerDaemon',
    input: { organizationId: w.org, name: 'd1' },
    rawAnswers: { upsertProvisionerDaemon: daemon },
    checks: [
      { action: 'create', object: { type: 'provisioner_daemon', org: w.org } },
      { action: 'update', filter: 'provisioner_daemon' },
      { action: 'create', filter: 'provisioner_daemon' },
    ],
    returns: daemon,
    rawCalls: ['upsertProvisionerDaemon'],
  },
  {
    // May not register this daemon at all: no statement runs.
    method: 'upsertProvisionerDaemon',
    input: { organizationId: w.org, name: 'd1', tags: { scope: 'user', owner: w.owner } },
    rawAnswers: { upsertProvisionerDaemon: daemon },
    checks: [
      {
        action: 'create',
        object: { type: 'provisioner_daemon', org: w.org, owner: w.owner },
        allowed: false,
      },
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // The existing daemon fails the guard inside the upsert: left alone, reported as a denial.
    method: 'upsertProvisionerDaemon',
    input: { organizationId: w.org, name: 'mine', tags: { scope: 'user', owner: w.owner } },
    rawAnswers: { upsertProvisionerDaemon: notFound },
    checks: [
      { action: 'create', object: { type: 'provisioner_daemon', org: w.org, owner: w.owner } },
      { action: 'update', filter: 'provisioner_daemon' },
      { action: 'create', filter: 'provisioner_daemon' },
    ],
    rejects: 'forbidden',
    rawCalls: ['upsertProvisionerDaemon'],
  },
  {
    method: 'getProvisionerDaemonByOrganizationAndName',
    input: { organizationId: w.org, name: 'd1' },
    rawAnswers: { getProvisionerDaemonByOrganizationAndName: daemon },
    checks: [{ action: 'read', object: daemonObj }],
    returns: daemon,
  },
  {
    method: 'updateProvisionerDaemonLastSeenAt',
    input: { id: daemon.id, lastSeenAt: new Date(0) },
    rawAnswers: { updateProvisionerDaemonLastSeenAt: daemon },
    checks: [
      { action: 'update', filter: 'provisioner_daemon' },
      { action: 'create', filter: 'provisioner_daemon' },
    ],
    returns: daemon,
    rawCalls: ['updateProvisionerDaemonLastSeenAt'],
  },
  {
    method: 'listProvisionerDaemons',
    input: { organizationId: w.org },
    rawAnswers: { listProvisionerDaemons: [daemon] },
    checks: [{ action: 'read', filter: 'provisioner_daemon' }],
    returns: [daemon],
  },
];
