import { auditActor } from '../support/run-audit-suite.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { templateObj, w } from './workspace-fixtures.ts';

const { template } = w;
const byId = { getTemplateById: template };
const foreignTemplateId = 'b0d17000-0000-4000-8000-0000000000a9';
const insightsWindow = {
  templateId: template.id,
  since: new Date('2026-01-01T00:00:00Z'),
  until: new Date('2026-01-08T00:00:00Z'),
};
const insights = { ...insightsWindow, activeUsers: 2, workspaces: 3, workspaceBuilds: 5 };

/** Spec rows of the templates area. */
export const templatesSpecs: SpecRow[] = [
  {
    method: 'insertTemplate',
    input: { organizationId: w.org, name: 'docker', createdBy: auditActor.id },
    rawAnswers: { insertTemplate: template },
    checks: [{ action: 'create', object: { type: 'template', org: w.org } }],
    returns: template,
    rawCalls: ['insertTemplate'],
  },
  {
    // A human actor naming someone else as the creator.
    method: 'insertTemplate',
    input: { organizationId: w.org, name: 'docker', createdBy: w.owner },
    rawAnswers: { insertTemplate: template },
    checks: [{ action: 'create', object: { type: 'template', org: w.org } }],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // The active version: one of the org not bound to a template yet.
    method: 'insertTemplate',
    input: {
      organizationId: w.org,
      name: 'docker',
      createdBy: auditActor.id,
      activeVersionId: w.orphanVersion.id,
    },
    rawAnswers: { getTemplateVersionById: w.orphanVersion, insertTemplate: template },
    checks: [{ action: 'create', object: { type: 'template', org: w.org } }],
    returns: template,
    rawCalls: ['getTemplateVersionById', 'insertTemplate'],
  },
  {
    // A version bound to another template (or of another org) is a mismatch.
    method: 'insertTemplate',
    input: {
      organizationId: w.org,
      name: 'docker',
      createdBy: auditActor.id,
      activeVersionId: w.version.id,
    },
    rawAnswers: { getTemplateVersionById: w.version, insertTemplate: template },
    checks: [{ action: 'create', object: { type: 'template', org: w.org } }],
    rejects: 'forbidden',
    rawCalls: ['getTemplateVersionById'],
  },
  {
    method: 'getTemplateById',
    input: { id: template.id },
    rawAnswers: byId,
    checks: [{ action: 'read', object: templateObj }],
    returns: template,
  },
  {
    method: 'getTemplateByIdForBuild',
    input: { id: template.id },
    rawAnswers: { getTemplateByIdForBuild: template },
    checks: [{ action: 'read', object: templateObj }],
    returns: template,
  },
  {
    method: 'getTemplateByOrganizationAndName',
    input: { organizationId: w.org, name: 'docker' },
    rawAnswers: { getTemplateByOrganizationAndName: template },
    checks: [{ action: 'read', object: templateObj }],
    returns: template,
  },
  {
    method: 'listTemplates',
    input: {},
    rawAnswers: { listTemplates: [template] },
    checks: [{ action: 'read', filter: 'template' }],
    returns: [template],
  },
  {
    method: 'countTemplates',
    input: {},
    rawAnswers: { countTemplates: 3 },
    checks: [{ action: 'read', filter: 'template' }],
    returns: 3,
  },
  {
    method: 'listTemplatesUsingFile',
    input: { fileId: w.job.id },
    rawAnswers: { listTemplatesUsingFile: [template] },
    checks: [{ action: 'read', filter: 'template' }],
    returns: [template],
  },
  {
    method: 'updateTemplateMeta',
    input: { id: template.id, displayName: 'Docker' },
    rawAnswers: { updateTemplateMeta: template },
    checks: [{ action: 'update', filter: 'template' }],
    returns: template,
    rawCalls: ['updateTemplateMeta'],
  },
  {
    method: 'updateTemplateMeta',
    input: { id: template.id, activeVersionId: w.otherVersion },
    rawAnswers: {
      ...byId,
      getTemplateVersionById: { ...w.version, id: w.otherVersion },
      updateTemplateMeta: template,
    },
    checks: [{ action: 'update', filter: 'template' }],
    returns: template,
    rawCalls: ['getTemplateVersionById', 'updateTemplateMeta'],
  },
  {
    method: 'updateTemplateMeta',
    input: { id: template.id, activeVersionId: w.otherVersion },
    rawAnswers: {
      ...byId,
      getTemplateVersionById: { ...w.orphanVersion, templateId: foreignTemplateId },
      updateTemplateMeta: template,
    },
    checks: [],
    rejects: 'forbidden',
    rawCalls: ['getTemplateVersionById'],
  },
  {
    method: 'updateTemplateAcl',
    input: { id: template.id, userAcl: { [w.owner]: ['read'] }, groupAcl: {} },
    rawAnswers: { updateTemplateAcl: template },
    checks: [
      { action: 'create', filter: 'template' },
      { action: 'read', filter: 'template' },
    ],
    returns: template,
    rawCalls: ['updateTemplateAcl'],
  },
  {
    method: 'updateTemplateAcl',
    input: { id: template.id, userAcl: {}, groupAcl: { [w.org]: ['use', 'delete'] } },
    rawAnswers: byId,
    checks: [
      { action: 'create', filter: 'template' },
      { action: 'use', filter: 'template' },
      { action: 'delete', filter: 'template', predicate: { op: 'false' } },
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    method: 'softDeleteTemplate',
    input: { id: template.id },
    rawAnswers: { softDeleteTemplate: undefined },
    checks: [{ action: 'delete', filter: 'template' }],
    rawCalls: ['softDeleteTemplate'],
  },
  {
    // view_insights on the template suffices.
    method: 'getTemplateInsights',
    input: insightsWindow,
    rawAnswers: { ...byId, getTemplateInsights: insights },
    checks: [{ action: 'view_insights', object: templateObj }],
    returns: insights,
    rawCalls: ['getTemplateById', 'getTemplateInsights'],
  },
  {
    // Coder's fallback: update on the template.
    method: 'getTemplateInsights',
    input: insightsWindow,
    rawAnswers: { ...byId, getTemplateInsights: insights },
    checks: [
      { action: 'view_insights', object: templateObj, allowed: false },
      { action: 'update', object: templateObj },
    ],
    returns: insights,
    rawCalls: ['getTemplateById', 'getTemplateInsights'],
  },
  {
    method: 'getTemplateInsights',
    input: insightsWindow,
    rawAnswers: { ...byId, getTemplateInsights: insights },
    checks: [
      { action: 'view_insights', object: templateObj, allowed: false },
      { action: 'update', object: templateObj, allowed: false },
    ],
    rejects: 'forbidden',
    rawCalls: ['getTemplateById'],
  },
];
