import type { SpecRow } from '../support/spec-row.ts';

const userId = 'c4d17000-0000-4000-8000-0000000000e1';
const key = { userId, name: 'github' };
const secret = { id: 'c4d17000-0000-4000-8000-0000000000d1', ...key, value: 'ghp_x' };
const { value: _, ...metadata } = secret;
const theirs = { type: 'user_secret', owner: userId } as const;

/** Spec rows of the user secrets area. */
export const userSecretsSpecs: SpecRow[] = [
  {
    method: 'createUserSecret',
    input: { ...key, value: 'ghp_x' },
    rawAnswers: { createUserSecret: secret },
    checks: [{ action: 'create', object: theirs }],
    returns: secret,
    rawCalls: ['createUserSecret'],
  },
  {
    method: 'getUserSecretByName',
    input: key,
    rawAnswers: { getUserSecretByName: secret },
    checks: [{ action: 'read', object: theirs }],
    returns: secret,
    rawCalls: ['getUserSecretByName'],
  },
  {
    method: 'getUserSecretByName',
    input: key,
    rawAnswers: { getUserSecretByName: secret },
    checks: [{ action: 'read', object: theirs, allowed: false }],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    method: 'listUserSecrets',
    input: { userId },
    rawAnswers: { listUserSecrets: [metadata] },
    checks: [{ action: 'read', filter: 'user_secret' }],
    returns: [metadata],
  },
  {
    method: 'countUserSecrets',
    input: { userId },
    rawAnswers: { countUserSecrets: 1 },
    checks: [{ action: 'read', filter: 'user_secret' }],
    returns: 1,
  },
  {
    method: 'updateUserSecret',
    input: { ...key, value: 'ghp_y' },
    rawAnswers: { updateUserSecret: { ...secret, value: 'ghp_y' } },
    checks: [{ action: 'update', object: theirs }],
    returns: { ...secret, value: 'ghp_y' },
    rawCalls: ['updateUserSecret'],
  },
  {
    method: 'deleteUserSecret',
    input: key,
    rawAnswers: { deleteUserSecret: undefined },
    checks: [{ action: 'delete', object: theirs }],
    returns: undefined,
    rawCalls: ['deleteUserSecret'],
  },
  {
    method: 'listUserSecretsWithValues',
    input: { userId },
    rawAnswers: { listUserSecretsWithValues: [secret] },
    checks: [{ action: 'read', object: { type: 'user_secret' } }],
    returns: [secret],
    rawCalls: ['listUserSecretsWithValues'],
  },
];
