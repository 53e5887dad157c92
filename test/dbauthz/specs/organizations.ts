import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { org } = fixtures;
const orgObject = { type: 'organization', id: org.id, org: org.id } as const;

/** Spec rows of the organizations area. */
export const organizationsSpecs: SpecRow[] = [
  {
    method: 'getOrganizationById',
    input: { id: org.id },
    rawAnswers: { getOrganizationById: org },
    checks: [{ action: 'read', object: orgObject }],
    returns: org,
  },
  {
    method: 'getOrganizationByName',
    input: { name: org.name },
    rawAnswers: { getOrganizationByName: org },
    checks: [{ action: 'read', object: orgObject }],
    returns: org,
  },
  {
    method: 'listOrganizations',
    input: {},
    rawAnswers: { listOrganizations: [org] },
    checks: [{ action: 'read', filter: 'organization' }],
    returns: [org],
  },
  {
    method: 'countOrganizations',
    input: {},
    rawAnswers: { countOrganizations: 1 },
    checks: [{ action: 'read', filter: 'organization' }],
    returns: 1,
  },
  {
    method: 'insertOrganization',
    input: { name: 'acme' },
    rawAnswers: { insertOrganization: org },
    checks: [{ action: 'create', object: { type: 'organization' } }],
    returns: org,
  },
  {
    method: 'updateOrganization',
    input: { id: org.id, displayName: 'Acme' },
    rawAnswers: { getOrganizationById: org, updateOrganization: org },
    checks: [{ action: 'update', object: orgObject }],
    returns: org,
    rawCalls: ['getOrganizationById', 'updateOrganization'],
  },
  {
    method: 'deleteOrganization',
    input: { id: org.id },
    rawAnswers: { getOrganizationById: org, deleteOrganization: undefined },
    checks: [{ action: 'delete', object: orgObject }],
    returns: undefined,
    rawCalls: ['getOrganizationById', 'deleteOrganization'],
  },
];
