import { NotFoundError } from '../../../db/errors.ts';
import { auditActor } from '../support/run-audit-suite.ts';
import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

// Keys are minted for oneself: the audited actor is the key's user.
const user = { id: auditActor.id };
const other = fixtures.user;
const key = { id: 'k3yid00001', userId: user.id, scopes: ['coder:all'], allowList: ['*:*'] };
const keyObject = { type: 'api_key', id: key.id, owner: user.id } as const;

/** Spec rows of the API keys area. */
export const apiKeysSpecs: SpecRow[] = [
  {
    method: 'insertApiKey',
    input: { id: key.id, userId: user.id, hashedSecret: Buffer.from('x'), expiresAt: new Date(0) },
    rawAnswers: { insertApiKey: key },
    checks: [{ action: 'create', object: { type: 'api_key', owner: user.id } }],
    returns: key,
    rawCalls: ['insertApiKey'],
  },
  {
    // A `coder:all` session over `*:*` may mint any scopes; the scope rule makes no RBAC check.
    method: 'insertApiKey',
    input: {
      id: key.id,
      userId: user.id,
      hashedSecret: Buffer.from('x'),
      expiresAt: new Date(0),
      scopes: ['coder:all'],
      allowList: ['*:*'],
    },
    rawAnswers: { insertApiKey: key },
    checks: [{ action: 'create', object: { type: 'api_key', owner: user.id } }],
    returns: key,
    rawCalls: ['insertApiKey'],
  },
  {
    // A key for another user is refused before any check unless the actor is a system actor.
    method: 'insertApiKey',
    input: { id: key.id, userId: other.id, hashedSecret: Buffer.from('x'), expiresAt: new Date(0) },
    checks: [],
    rejects: 'forbidden',
    rawCalls: [],
  },
  {
    // An unknown scope name is bad input, refused before any check.
    method: 'insertApiKey',
    input: {
      id: key.id,
      userId: user.id,
      hashedSecret: Buffer.from('x'),
      expiresAt: new Date(0),
      scopes: ['coder:nonsense'],
    },
    checks: [],
    rejects: 'invalid_input',
    rawCalls: [],
  },
  {
    method: 'getApiKeyById',
    input: { id: key.id },
    rawAnswers: { getApiKeyById: key },
    checks: [{ action: 'read', object: keyObject }],
    returns: key,
  },
  {
    // The authentication read: `system` read first (nothing runs when refused), then the key.
    method: 'getApiKeyAuthorization',
    input: { id: key.id },
    rawAnswers: { getApiKeyAuthorization: { key, user: null } },
    checks: [
      { action: 'read', object: { type: 'system' } },
      { action: 'read', object: keyObject },
    ],
    returns: { key, user: null },
    rawCalls: ['getApiKeyAuthorization'],
  },
  {
    // A missing key is the same ForbiddenError a denial gives, after the `system` check only.
    method: 'getApiKeyAuthorization',
    input: { id: key.id },
    rawAnswers: { getApiKeyAuthorization: new NotFoundError('api key') },
    checks: [{ action: 'read', object: { type: 'system' } }],
    rejects: 'forbidden',
    rawCalls: ['getApiKeyAuthorization'],
  },
  {
    method: 'listApiKeysByUser',
    input: { userId: user.id },
    rawAnswers: { listApiKeysByUser: [key] },
    checks: [{ action: 'read', filter: 'api_key' }],
    returns: [key],
  },
  {
    method: 'countApiKeysByUser',
    input: { userId: user.id },
    rawAnswers: { countApiKeysByUser: 2 },
    checks: [{ action: 'read', filter: 'api_key' }],
    returns: 2,
  },
  {
    method: 'deleteApiKey',
    input: { id: key.id },
    rawAnswers: { deleteApiKey: undefined },
    checks: [{ action: 'delete', filter: 'api_key' }],
    returns: undefined,
    rawCalls: ['deleteApiKey'],
  },
  {
    method: 'updateApiKeyLastUsed',
    input: { id: key.id, lastUsed: new Date(0) },
    rawAnswers: { updateApiKeyLastUsed: key },
    checks: [{ action: 'update', filter: 'api_key' }],
    returns: key,
    rawCalls: ['updateApiKeyLastUsed'],
  },
];
