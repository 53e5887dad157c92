import type { SpecRow } from '../support/spec-row.ts';
import { fixtures } from './fixtures.ts';

const { user } = fixtures;
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
    method: 'getApiKeyById',
    input: { id: key.id },
    rawAnswers: { getApiKeyById: key },
    checks: [{ action: 'read', object: keyObject }],
    returns: key,
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
    rawAnswers: { getApiKeyById: key, deleteApiKey: undefined },
    checks: [{ action: 'delete', object: keyObject }],
    returns: undefined,
    rawCalls: ['getApiKeyById', 'deleteApiKey'],
  },
  {
    method: 'updateApiKeyLastUsed',
    input: { id: key.id, lastUsed: new Date(0) },
    rawAnswers: { getApiKeyById: key, updateApiKeyLastUsed: key },
    checks: [{ action: 'update', object: keyObject }],
    returns: key,
    rawCalls: ['getApiKeyById', 'updateApiKeyLastUsed'],
  },
];
