import type { SpecRow } from '../support/spec-row.ts';
import { w } from './workspace-fixtures.ts';

const { job, daemon } = w;
const jobObject = { type: 'provisioner_jobs', id: job.id, org: w.org } as const;
const jobsInOrg = { type: 'provisioner_jobs', org: w.org } as const;

/** Spec rows of the provisioner area. */
export const provisionersSpecs: SpecRow[] = [
  {
    method: 'insertProvisionerJob',
    input: { organizationId: w.org, initiatorId: w.owner, type: 'workspace_build' },
    rawAnswers: { insertProvisionerJob: job },
    checks: [{ action: 'create', object: jobsInOrg }],
    returns: job,
    rawCalls: ['insertProvisionerJob'],
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
    rawAnswers: { getProvisionerJobById: job, completeProvisionerJob: job },
    checks: [{ action: 'update', object: jobObject }],
    returns: job,
    rawCalls: ['getProvisionerJobById', 'completeProvisionerJob'],
  },
  {
    method: 'upsertProvisionerDaemon',
    input: { organizationId: w.org, name: 'd1' },
    rawAnswers: { upsertProvisionerDaemon: daemon },
    checks: [{ action: 'create', object: { type: 'provisioner_daemon', org: w.org } }],
    returns: daemon,
  },
  {
    method: 'upsertProvisionerDaemon',
    input: { organizationId: w.org, name: 'mine', tags: { scope: 'user', owner: w.owner } },
    rawAnswers: { upsertProvisionerDaemon: daemon },
    checks: [
      { action: 'create', object: { type: 'provisioner_daemon', org: w.org, owner: w.owner } },
    ],
    returns: daemon,
  },
  {
    method: 'listProvisionerDaemons',
    input: { organizationId: w.org },
    rawAnswers: { listProvisionerDaemons: [daemon] },
    checks: [{ action: 'read', filter: 'provisioner_daemon' }],
    returns: [daemon],
  },
];
