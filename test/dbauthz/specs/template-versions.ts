import { auditActor } from '../support/run-audit-suite.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { templateObj, w } from './workspace-fixtures.ts';

const { version, orphanVersion } = w;
const orgTemplate = { type: 'template', org: w.org } as const;
const otherOrg = 'b0d17000-0000-4000-8000-0000000000f2';
/** The version's import job, and the fields every insert shares (created by the audited actor). */
const job = { ...w.job, type: 'template_version_import' };
const asTemplates = { organizationId: w.org, jobId: w.job.id, createdBy: auditActor.id };

/** Spec rows of the template versions area. */
export const templateVersionsSpecs: SpecRow[] = [
  {
    method: 'insertTemplateVersion',
    input: { ...asTemplates, templateId: w.template.id, name: 'v1' },
    rawAnswers: {
      getTemplateById: w.template,
      getProvisionerJobById: job,
      insertTemplateVersion: version,
    },
    checks: [{ action: 'update', object: templateObj }],
    returns: version,
    rawCalls: ['getTemplateById', 'getProvisionerJobById', 'insertTemplateVersion'],
  },
  {
    method: 'insertTemplateVersion',
    input: { ...asTemplates, name: 'v0' },
    rawAnswers: { getProvisionerJobById: job, insertTemplateVersion: orphanVersion },
    checks: [{ action: 'create', object: orgTemplate }],
    returns: orphanVersion,
    rawCalls: ['getProvisionerJobById', 'insertTemplateVersion'],
  },
  {
    // The job is of another org than the version.
    method: 'insertTemplateVersion',
    input: { ...asTemplates, organizationId: otherOrg, name: 'v0' },
    rawAnswers: { getProvisionerJobById: job, insertTemplateVersion: orphanVersion },
    checks: [{ action: 'create', object: { ...orgTemplate, org: otherOrg } }],
    rejects: 'forbidden',
    rawCalls: ['getProvisionerJobById'],
  },
  {
    // The template is of another org than the version: refused after the template check.
    method: 'insertTemplateVersion',
    input: { ...asTemplates, templateId: w.template.id, organizationId: otherOrg, name: 'v1' },
    rawAnswers: { getTemplateById: w.template, getProvisionerJobById: job },
    checks: [{ action: 'update', object: templateObj }],
    rejects: 'forbidden',
    rawCalls: ['getTemplateById'],
  },
  {
    method: 'insertTemplateVersion',
    input: { ...asTemplates, templateId: w.template.id, name: 'v1' },
    rawAnswers: {
      getTemplateById: w.template,
      getProvisionerJobById: { ...job, organizationId: otherOrg },
    },
    checks: [{ action: 'update', object: templateObj }],
    rejects: 'forbidden',
    rawCalls: ['getTemplateById', 'getProvisionerJobById'],
  },
  {
    // A workspace build job is not an import job.
    method: 'insertTemplateVersion',
    input: { ...asTemplates, name: 'v0' },
    rawAnswers: { getProvisionerJobById: { ...job, type: 'workspace_build' } },
    checks: [{ action: 'create', object: orgTemplate }],
    rejects: 'forbidden',
    rawCalls: ['getProvisionerJobById'],
  },
  {
    // A human actor naming someone else as the creator: refused before the job lookup.
    method: 'insertTemplateVersion',
    input: { ...asTemplates, name: 'v0', createdBy: w.owner },
    rawAnswers: { getProvisionerJobById: job },
    checks: [{ action: 'create', object: orgTemplate }],
    rejects: 'forbidden',
    rawCalls: [],
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
