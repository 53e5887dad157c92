import { NotFoundError } from '../../../db/errors.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const auditorUser = { ...fixtures.user, rbacRoles: ['auditor'] };
const plainUser = { ...fixtures.user, rbacRoles: [] };
const userObject = { type: 'user', id: auditorUser.id, owner: auditorUser.id } as const;
const assignRole = { type: 'assign_role' } as const;

/** Spec rows of site role administration and subject loading. */
export const userRolesSpecs: SpecRow[] = [
  {
    // `member` is implied, so a user without roles given only `member` writes nothing new: the
    // read of the user, then the write compare-and-sets the roles read, under the read filter.
    method: 'updateUserRoles',
    input: { id: plainUser.id, roles: ['member'] },
    rawAnswers: { getUserById: plainUser, updateUserRoles: plainUser },
    checks: [
      { action: 'read', object: userObject },
      { action: 'read', filter: 'user' },
    ],
    returns: plainUser,
    rawCalls: ['getUserById', 'updateUserRoles'],
  },
  {
    // Re-sending the roles read is no free pass: it is checked as assigning them (here refused by
    // the assignability table, the audit actor holding no role), and nothing is written.
    method: 'updateUserRoles',
    input: { id: auditorUser.id, roles: ['auditor', 'member'] },
    rawAnswers: { getUserById: auditorUser, updateUserRoles: auditorUser },
    checks: [
      { action: 'read', object: userObject },
      { action: 'assign', object: assignRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getUserById'],
  },
  {
    // The roles changed between the read and the write: the compare-and-set writes nothing.
    method: 'updateUserRoles',
    input: { id: plainUser.id, roles: [] },
    rawAnswers: { getUserById: plainUser, updateUserRoles: new NotFoundError('user') },
    checks: [
      { action: 'read', object: userObject },
      { action: 'read', filter: 'user' },
    ],
    rejects: 'serialization_failure',
    rawCalls: ['getUserById', 'updateUserRoles'],
  },
  {
    // Swapping auditor for owner needs assign and unassign, then the table (no roles: refused).
    method: 'updateUserRoles',
    input: { id: auditorUser.id, roles: ['owner'] },
    rawAnswers: { getUserById: auditorUser, updateUserRoles: auditorUser },
    checks: [
      { action: 'read', object: userObject },
      { action: 'assign', object: assignRole },
      { action: 'unassign', object: assignRole },
    ],
    rejects: 'forbidden',
    rawCalls: ['getUserById'],
  },
  {
    method: 'updateUserRoles',
    input: { id: auditorUser.id, roles: ['organization-admin'] },
    rawAnswers: { getUserById: auditorUser },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    method: 'getUserRoles',
    input: { userId: auditorUser.id },
    rawAnswers: { getUserRoles: { id: auditorUser.id, siteRoles: ['auditor'] } },
    checks: [{ action: 'read', object: { type: 'system' } }],
    returns: { id: auditorUser.id, siteRoles: ['auditor'] },
    rawCalls: ['getUserRoles'],
  },
  {
    // The one-statement form `buildSubject` uses: the same `system` read, nothing else.
    method: 'getAuthorizationUserRoles',
    input: { userId: auditorUser.id },
    rawAnswers: {
      getAuthorizationUserRoles: { id: auditorUser.id, siteRoles: ['auditor'], memberships: [] },
    },
    checks: [{ action: 'read', object: { type: 'system' } }],
    returns: { id: auditorUser.id, siteRoles: ['auditor'], memberships: [] },
    rawCalls: ['getAuthorizationUserRoles'],
  },
];
