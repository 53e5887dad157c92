import type { SpecRow } from '../support/spec-row.ts';
import { templateObj, w } from './workspace-fixtures.ts';

const { version, orphanVersion } = w;
const orgTemplate = { type: 'template', org: w.org } as const;
const otherOrg = 'b0d17000-0000-4000-8000-0000000000f2';

/** Spec rows of the template versions area. */
export const templateVersionsSpecs: SpecRow[] = [
  {
    method: 'insertTemplateVersion',
    input: {
      templateId: w.template.id,
      organizationId: w.org,
      name: 'v1',
      jobId: w.job.id,
      createdBy: w.owner,
    },
    rawAnswers: {
      getTemplateById: w.template,
      getProvisionerJobById: w.job,
      insertTemplateVersion: version,
    },
    checks: [{ action: 'update', object: templateObj }],
    returns: version,
    rawCalls: ['getTemplateById', 'getProvisionerJobById', 'insertTemplateVersion'],
  },
  {
    method: 'insertTemplateVersion',
    input: { organizationId: w.org, name: 'v0', jobId: w.job.id, createdBy: w.owner },
    rawAnswers: { getProvisionerJobById: w.job, insertTemplateVersion: orphanVersion },
    checks: [{ action: 'create', object: orgTemplate }],
    returns: orphanVersion,
    rawCalls: ['getProvisionerJobById', 'insertTemplateVersion'],
  },
  {
    method: 'insertTemplateVersion',
    input: { organizationId: otherOrg, name: 'v0', jobId: w.job.id, createdBy: w.owner },
    rawAnswers: { getProvisionerJobById: w.job, insertTemplateVersion: orphanVersion },
    checks: [],
    rejects: 'forbidden',
    rawCalls: ['getProvisionerJobById'],
  },
  {
    method: 'insertTemplateVersion',
    input: {
      templateId: w.template.id,
      organizationId: otherOrg,
      name: 'v1',
      jobId: w.job.id,
      createdBy: w.owner,
    },
    rawAnswers: { getTemplateById: w.template, getProvisionerJobById: w.job },
    checks: [],
    rejects: 'forbidden',
    rawCalls: ['getTemplateById'],
  },
  {
    method: 'insertTemplateVersion',
    input: {
      templateId: w.template.id,
      organizationId: w.org,
      name: 'v1',
      jobId: w.job.id,
      createdBy: w.owner,
    },
    rawAnswers: {
      getTemplateById: w.template,
      getProvisionerJobById: { ...w.job, organizationId: otherOrg },
    },
    checks: [],
    rejects: 'forbidden',
    rawCalls: ['getTemplateById', 'getProvisionerJobById'],
  },
  {
    method: 'getTemplateVersionById',
    input: { id: version.id },
    rawAnswers: { getTemplateVersionById: version, getTemplateById: w.template },
    checks: [{ action: 'read', object: templateObj }],
    returns: version,
    rawCalls: ['getTemplateVersionById', 'getTemplateById'],
  },
  {
    method: 'getTemplateVersionById',
    input: { id: orphanVersion.id },
    rawAnswers: { getTemplateVersionById: orphanVersion },
    checks: [{ action: 'read', object: orgTemplate }],
    returns: orphanVersion,
    rawCalls: ['getTemplateVersionById'],
  },
  {
    method: 'listTemplateVersionsByTemplate',
    input: { templateId: w.template.id },
    rawAnswers: { getTemplateById: w.template, listTemplateVersionsByTemplate: [version] },
    checks: [{ action: 'read', object: templateObj }],
    returns: [version],
    rawCalls: ['getTemplateById', 'listTemplateVersionsByTemplate'],
  },
  {
    method: 'countTemplateVersionsByTemplate',
    input: { templateId: w.template.id },
    rawAnswers: { getTemplateById: w.template, countTemplateVersionsByTemplate: 2 },
    checks: [{ action: 'read', object: templateObj }],
    returns: 2,
    rawCalls: ['getTemplateById', 'countTemplateVersionsByTemplate'],
  },
];
