import { NotFoundError } from '../../../db/errors.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { user, org } = fixtures;
const member = { userId: user.id, organizationId: org.id, roles: ['organization-auditor'] };
const key = { organizationId: org.id, userId: user.id };
const memberObject = {
  type: 'organization_member',
  id: user.id,
  owner: user.id,
  org: org.id,
} as const;
const assignOrgRole = { type: 'assign_org_role', org: org.id } as const;

/** Spec rows of the organization members area. */
export const organizationMembersSpecs: SpecRow[] = [
  {
    method: 'getOrganizationMember',
    input: key,
    rawAnswers: { getOrganizationMember: member },
    checks: [{ action: 'read', object: memberObject }],
    returns: member,
  },
  {
    method: 'listOrganizationMembers',
    input: { organizationId: org.id },
    rawAnswers: { listOrganizationMembers: [member] },
    checks: [{ action: 'read', filter: 'organization_member' }],
    returns: [member],
  },
  {
    method: 'countOrganizationMembers',
    input: { organizationId: org.id },
    rawAnswers: { countOrganizationMembers: 3 },
    checks: [{ action: 'read', filter: 'organization_member' }],
    returns: 3,
  },
  {
    method: 'insertOrganizationMember',
    input: key,
    rawAnswers: { insertOrganizationMember: member },
    checks: [{ action: 'create', object: memberObject }],
    returns: member,
    rawCalls: ['insertOrganizationMember'],
  },
  {
    // Explicit roles are added roles: `assign` in the org, then the table (an actor without roles
    // may assign nothing), and nothing is inserted.
    method: 'insertOrganizationMember',
    input: { ...key, roles: ['organization-auditor'] },
    rawAnswers: { insertOrganizationMember: member },
    checks: [
      { action: 'create', object: memberObject },
      { action: 'assign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // A membership with no stored roles: the delete alone.
    method: 'deleteOrganizationMember',
    input: key,
    rawAnswers: {
      getOrganizationMember: { ...member, roles: [] },
      deleteOrganizationMember: undefined,
    },
    // The delete compares-and-sets the (empty) roles read, under the delete filter.
    checks: [
      { action: 'delete', object: memberObject },
      { action: 'delete', filter: 'organization_member' },
    ],
    returns: undefined,
    rawCalls: ['getOrganizationMember', 'deleteOrganizationMember'],
  },
  {
    // A delete is an unassign of every stored role.
    method: 'deleteOrganizationMember',
    input: key,
    rawAnswers: { getOrganizationMember: member, deleteOrganizationMember: undefined },
    checks: [
      { action: 'delete', object: memberObject },
      { action: 'unassign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getOrganizationMember'],
  },
  {
    // Re-sending the roles read is checked as assigning them (refused: no role in the table).
    method: 'updateOrganizationMemberRoles',
    input: { ...key, roles: ['organization-auditor'] },
    rawAnswers: { getOrganizationMember: member, updateOrganizationMemberRoles: member },
    checks: [
      { action: 'read', object: memberObject },
      { action: 'assign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getOrganizationMember'],
  },
  {
    // A membership without roles given none writes nothing new: the read, then the compare-and-set
    // write under the read filter.
    method: 'updateOrganizationMemberRoles',
    input: { ...key, roles: [] },
    rawAnswers: {
      getOrganizationMember: { ...member, roles: [] },
      updateOrganizationMemberRoles: { ...member, roles: [] },
    },
    checks: [
      { action: 'read', object: memberObject },
      { action: 'read', filter: 'organization_member' },
    ],
    returns: { ...member, roles: [] },
    rawCalls: ['getOrganizationMember', 'updateOrganizationMemberRoles'],
  },
  {
    // The roles changed between the read and the write (a concurrent revoke): nothing written.
    method: 'updateOrganizationMemberRoles',
    input: { ...key, roles: [] },
    rawAnswers: {
      getOrganizationMember: { ...member, roles: [] },
      updateOrganizationMemberRoles: new NotFoundError('organization member'),
    },
    checks: [
      { action: 'read', object: memberObject },
      { action: 'read', filter: 'organization_member' },
    ],
    rejects: 'serialization_failure',
    rawCalls: ['getOrganizationMember', 'updateOrganizationMemberRoles'],
  },
  {
    method: 'updateOrganizationMemberRoles',
    input: { ...key, roles: ['organization-auditor', 'organization-admin'] },
    rawAnswers: { getOrganizationMember: member, updateOrganizationMemberRoles: member },
    checks: [
      { action: 'read', object: memberObject },
      { action: 'assign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getOrganizationMember'],
  },
  {
    method: 'updateOrganizationMemberRoles',
    input: { ...key, roles: [] },
    rawAnswers: { getOrganizationMember: member, updateOrganizationMemberRoles: member },
    checks: [
      { action: 'read', object: memberObject },
      { action: 'unassign', object: assignOrgRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getOrganizationMember'],
  },
  {
    // An added name that is neither built in nor a custom role of the org is rejected.
    method: 'updateOrganizationMemberRoles',
    input: { ...key, roles: ['organization-auditor', 'ghost'] },
    rawAnswers: { getOrganizationMember: member, getCustomRolesByNames: [] },
    checks: [{ action: 'read', object: memberObject }],
    rejects: 'invalid_input',
    rawCalls: ['getOrganizationMember', 'getCustomRolesByNames'],
  },
  {
    method: 'getOrganizationMembershipsOfUser',
    input: { userId: user.id },
    rawAnswers: { getOrganizationMembershipsOfUser: [member] },
    checks: [{ action: 'read', object: { type: 'organization_member' } }],
    returns: [member],
  },
  {
    // Not a site reader: falls back to the user themselves (read_personal on their user).
    method: 'getOrganizationMembershipsOfUser',
    input: { userId: user.id },
    rawAnswers: { getOrganizationMembershipsOfUser: [member] },
    checks: [
      { action: 'read', object: { type: 'organization_member' }, allowed: false },
      { action: 'read_personal', object: { type: 'user', id: user.id, owner: user.id } },
    ],
    returns: [member],
  },
];
