import { NotFoundError } from '../../../db/errors.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { user } = fixtures;
const userObject = { type: 'user', id: user.id, owner: user.id } as const;

/** Spec rows of the users area. */
export const usersSpecs: SpecRow[] = [
  {
    method: 'getUserById',
    input: { id: user.id },
    rawAnswers: { getUserById: user },
    checks: [{ action: 'read', object: userObject }],
    returns: user,
    rawCalls: ['getUserById'],
  },
  {
    method: 'getUserByUsername',
    input: { username: user.username },
    rawAnswers: { getUserByUsername: user },
    checks: [{ action: 'read', object: userObject }],
    returns: user,
  },
  {
    method: 'listUsers',
    input: {},
    rawAnswers: { listUsers: [user] },
    checks: [{ action: 'read', filter: 'user' }],
    returns: [user],
  },
  {
    method: 'countUsers',
    input: {},
    rawAnswers: { countUsers: 7 },
    checks: [{ action: 'read', filter: 'user' }],
    returns: 7,
  },
  {
    method: 'insertUser',
    input: { email: 'eve@example.com', username: 'eve' },
    rawAnswers: { insertUser: user },
    checks: [{ action: 'create', object: { type: 'user' } }],
    returns: user,
    rawCalls: ['insertUser'],
  },
  {
    // `member` is implied (the schema drops it): no role is assigned, so no assignment check.
    method: 'insertUser',
    input: { email: 'eve@example.com', username: 'eve', rbacRoles: ['member'] },
    rawAnswers: { insertUser: user },
    checks: [{ action: 'create', object: { type: 'user' } }],
    returns: user,
    rawCalls: ['insertUser'],
  },
  {
    // Given site roles are an assignment from none: `assign` on `assign_role`, then the table
    // (the audit actor has no roles, so the table refuses) and nothing is written.
    method: 'insertUser',
    input: { email: 'eve@example.com', username: 'eve', rbacRoles: ['auditor'] },
    rawAnswers: { insertUser: user },
    checks: [
      { action: 'create', object: { type: 'user' } },
      { action: 'assign', object: { type: 'assign_role' } },
    ],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    method: 'insertUser',
    input: { email: 'eve@example.com', username: 'eve', rbacRoles: ['organization-admin'] },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    // A system user also needs `system` create (a site owner only).
    method: 'insertUser',
    input: { email: 'eve@example.com', username: 'eve', isSystem: true },
    rawAnswers: { insertUser: user },
    checks: [
      { action: 'create', object: { type: 'user' } },
      { action: 'create', object: { type: 'system' } },
    ],
    returns: user,
    rawCalls: ['insertUser'],
  },
  {
    // Guarded writes: one statement carrying the actor's filter, no read first.
    method: 'updateUserProfile',
    input: { id: user.id, name: 'Eve' },
    rawAnswers: { updateUserProfile: user },
    checks: [{ action: 'update_personal', filter: 'user' }],
    returns: user,
    rawCalls: ['updateUserProfile'],
  },
  {
    method: 'updateUserStatus',
    input: { id: user.id, status: 'suspended' },
    rawAnswers: { updateUserStatus: user },
    checks: [{ action: 'update', filter: 'user' }],
    returns: user,
    rawCalls: ['updateUserStatus'],
  },
  {
    // A row the guard excludes (or a missing one) changes nothing: the same ForbiddenError.
    method: 'updateUserStatus',
    input: { id: user.id, status: 'suspended' },
    rawAnswers: { updateUserStatus: new NotFoundError('user') },
    checks: [{ action: 'update', filter: 'user' }],
    rejects: 'forbidden',
    rawCalls: ['updateUserStatus'],
  },
  {
    // A filter that matches nothing denies without a query.
    method: 'updateUserStatus',
    input: { id: user.id, status: 'suspended' },
    rawAnswers: { updateUserStatus: user },
    checks: [{ action: 'update', filter: 'user', predicate: { op: 'false' } }],
    rejects: 'forbidden',
    rawCalls: [],
  },
];
