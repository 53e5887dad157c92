import { NotFoundError } from '../../../db/errors.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { org } = fixtures;
const orgObject = { type: 'organization', id: org.id, org: org.id } as const;
const orgWithDefaults = { ...org, defaultOrgMemberRoles: ['organization-auditor'] };
const assignOrgRole = { type: 'assign_org_role', org: org.id } as const;

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
    // The write carries the update filter (and compares-and-sets the defaults read).
    checks: [
      { action: 'update', object: orgObject },
      { action: 'update', filter: 'organization' },
    ],
    returns: org,
    rawCalls: ['getOrganizationById', 'updateOrganization'],
  },
  {
    // Re-sending the defaults read (`organization-member` is implied) is checked as assigning
    // them: the audit actor holds no role, so the table refuses.
    method: 'updateOrganization',
    input: { id: org.id, defaultOrgMemberRoles: ['organization-auditor', 'organization-member'] },
    rawAnswers: { getOrganizationById: orgWithDefaults, updateOrganization: orgWithDefaults },
    checks: [
      { action: 'update', object: orgObject },
      { action: 'assign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getOrganizationById'],
  },
  {
    // The defaults changed between the read and the write: nothing written, retryable.
    method: 'updateOrganization',
    input: { id: org.id, displayName: 'Acme' },
    rawAnswers: { getOrganizationById: org, updateOrganization: new NotFoundError('organization') },
    checks: [
      { action: 'update', object: orgObject },
      { action: 'update', filter: 'organization' },
    ],
    rejects: 'serialization_failure',
    rawCalls: ['getOrganizationById', 'updateOrganization'],
  },
  {
    // Changed defaults are an org role assignment to every member: the delta on
    // `assign_org_role` in the org, then the table (the audit actor has no roles: refused).
    method: 'updateOrganization',
    input: { id: org.id, defaultOrgMemberRoles: ['organization-admin'] },
    rawAnswers: { getOrganizationById: orgWithDefaults, updateOrganization: orgWithDefaults },
    checks: [
      { action: 'update', object: orgObject },
      { action: 'assign', object: assignOrgRole },
      { action: 'unassign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getOrganizationById'],
  },
  {
    // An added name that is neither built in nor a custom role of the org.
    method: 'updateOrganization',
    input: { id: org.id, defaultOrgMemberRoles: ['ghost'] },
    rawAnswers: { getOrganizationById: orgWithDefaults, getCustomRolesByNames: [] },
    checks: [{ action: 'update', object: orgObject }],
    rejects: 'invalid_input',
    rawCalls: ['getOrganizationById', 'getCustomRolesByNames'],
  },
  {
    method: 'deleteOrganization',
    input: { id: org.id },
    rawAnswers: { deleteOrganization: undefined },
    checks: [{ action: 'delete', filter: 'organization' }],
    returns: undefined,
    rawCalls: ['deleteOrganization'],
  },
];
