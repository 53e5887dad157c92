import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const auditorUser = { ...fixtures.user, rbacRoles: ['auditor'] };
const userObject = { type: 'user', id: auditorUser.id, owner: auditorUser.id } as const;
const assignRole = { type: 'assign_role' } as const;

/** Spec rows of site role administration and subject loading. */
export const userRolesSpecs: SpecRow[] = [
  {
    // `member` is implied on both sides, so listing it is no delta: only the read of the user.
    method: 'updateUserRoles',
    input: { id: auditorUser.id, roles: ['auditor', 'member'] },
    rawAnswers: { getUserById: auditorUser, updateUserRoles: auditorUser },
    checks: [{ action: 'read', object: userObject }],
    returns: auditorUser,
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
];
