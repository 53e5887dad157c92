import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { inputSchemaOf } from '../../db/queries/define.ts';
import { createRawStore, type RawStore, readsOnReplica } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { subjectFromApiKey } from '../../src/dbauthz/subject/subject-from-api-key.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { type CountingClient, countingClient } from '../support/counting-client.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createApiKey,
  createCustomRole,
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';

// Authentication reads the key and everything its owner's subject needs in ONE statement
// (`getApiKeyAuthorization`); the subject built from those rows is the one the two-statement path
// (`getApiKeyById`, then `subjectFromApiKey` reading the owner's rows) builds, and it fails the
// same way: unknown key, expired key, suspended user, deleted user.

const database = databaseForFile();
let counted: CountingClient;
let store: AuthorizedStore;
let raw: RawStore;

/** How many statements `run` sent to PostgreSQL, with its answer. */
const cost = <T>(run: () => Promise<T>) => counted.cost(run);

/** What a load ends in: the subject, or the error's class, code, reason and message. */
async function outcome(load: () => Promise<Subject>): Promise<unknown> {
  try {
    return { subject: await load() };
  } catch (error) {
    const e = error as Error & { code?: unknown; detail?: { reason?: unknown } };
    return {
      error: e.constructor.name,
      code: e.code,
      reason: e.detail?.reason,
      message: e.message,
    };
  }
}

/** The subject of key `id` the way authentication built it before: the key, then the owner's rows. */
async function currentPath(id: string, now = new Date()): Promise<Subject> {
  const key = await store.asSystemRestricted().getApiKeyById({ id });
  return subjectFromApiKey(store, key, now);
}

/** The subject of key `id` from the one-statement read. */
async function oneStatementPath(id: string, now = new Date()): Promise<Subject> {
  const { key, user } = await store.asSystemRestricted().getApiKeyAuthorization({ id });
  return subjectFromApiKey(store, key, now, { loaded: user });
}

/** A user in two orgs, with an explicit group in one, optionally a custom role in the other. */
async function memberWithGroups(options: { customRole?: boolean } = {}) {
  const user = await createUser(database.db, { rbacRoles: ['auditor'] });
  const acme = await createOrganization(database.db, {
    defaultOrgMemberRoles: ['organization-workspace-access'],
  });
  const globex = await createOrganization(database.db);
  await createMember(database.db, {
    organizationId: acme.id,
    userId: user.id,
    roles: ['organization-auditor'],
  });
  const custom = options.customRole
    ? await createCustomRole(database.db, {
        organizationId: globex.id,
        orgPermissions: [{ type: 'template', action: 'read', negate: false }],
      })
    : undefined;
  await createMember(database.db, {
    organizationId: globex.id,
    userId: user.id,
    roles: custom === undefined ? [] : [custom.name],
  });
  const group = await createGroup(database.db, { organizationId: acme.id });
  await createGroupMember(database.db, { groupId: group.id, userId: user.id });
  return user;
}

beforeAll(async () => {
  counted = await countingClient(database.url);
  raw = createRawStore(createDatabase(counted.client));
  store = createAuthorizedStore(raw);
});
afterAll(async () => {
  await counted.client.end();
});

describe('getApiKeyAuthorization', () => {
  it('reads the key and its owner in one statement, the key exactly as getApiKeyById', async () => {
    const user = await memberWithGroups();
    const key = await createApiKey(database.db, {
      userId: user.id,
      scopes: ['workspace:read'],
      allowList: ['*:*'],
    });
    const system = store.asSystemRestricted();
    const [count, read] = await cost(() => system.getApiKeyAuthorization({ id: key.id }));
    expect(count).toBe(1);
    expect(read.key).toEqual(await system.getApiKeyById({ id: key.id }));
    expect(read.key.hashedSecret).toEqual(key.hashedSecret);
    expect(read.user).toEqual(await system.getAuthorizationUserRoles({ userId: user.id }));
    expect(read.user?.groupIds).toHaveLength(3); // two Everyone groups and the explicit one
  });

  it('builds, with no further statement, the subject the current path builds', async () => {
    const user = await memberWithGroups();
    const key = await createApiKey(database.db, {
      userId: user.id,
      scopes: ['workspace:read', 'template:read'],
      allowList: ['workspace:*'],
    });
    const [count, subject] = await cost(() => oneStatementPath(key.id));
    expect(count).toBe(1);
    expect(subject).toEqual(await currentPath(key.id));
    expect(subject.roles.length).toBeGreaterThan(1);
  });

  it('reads the custom roles only, and builds the same subject, for a user holding one', async () => {
    const user = await memberWithGroups({ customRole: true });
    const key = await createApiKey(database.db, { userId: user.id });
    const [count, subject] = await cost(() => oneStatementPath(key.id));
    expect(count).toBe(2);
    expect(subject).toEqual(await currentPath(key.id));
  });

  it('accepts and refuses the same key ids as getApiKeyById', () => {
    const ours = inputSchemaOf(raw.getApiKeyAuthorization);
    const theirs = inputSchemaOf(raw.getApiKeyById);
    for (const id of ['abcdef1234', 'short', 'with-dash00', 'x'.repeat(200), '', 'ABCdef12345']) {
      expect(ours?.safeParse({ id }).success, id).toBe(theirs?.safeParse({ id }).success);
    }
  });

  it('runs on the primary only (it decides who the caller is)', () => {
    expect(readsOnReplica('getApiKeyAuthorization')).toBe(false);
  });
});

describe('refusals are the ones the current path gives', () => {
  it('a missing key: NotFoundError from the raw store, a ForbiddenError from the authorized one', async () => {
    await expect(raw.getApiKeyAuthorization({ id: 'nosuchkey00' })).rejects.toMatchObject({
      code: 'not_found',
      entity: 'api key',
    });
    const now = await outcome(() => oneStatementPath('nosuchkey00'));
    expect(now).toMatchObject({ error: 'ForbiddenError', code: 'forbidden' });
    expect(now).toEqual(await outcome(() => currentPath('nosuchkey00')));
  });

  it('an expired key: ForbiddenError api_key_expired', async () => {
    const user = await memberWithGroups();
    const key = await createApiKey(database.db, {
      userId: user.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    const now = await outcome(() => oneStatementPath(key.id));
    expect(now).toMatchObject({ code: 'forbidden', reason: 'api_key_expired' });
    expect(now).toEqual(await outcome(() => currentPath(key.id)));
  });

  it('a suspended user: ForbiddenError user_suspended', async () => {
    const user = await createUser(database.db, { status: 'suspended' });
    const key = await createApiKey(database.db, { userId: user.id });
    const now = await outcome(() => oneStatementPath(key.id));
    expect(now).toMatchObject({ code: 'forbidden', reason: 'user_suspended' });
    expect(now).toEqual(await outcome(() => currentPath(key.id)));
  });

  it('a deleted user: the key is read, its owner is null, and the subject is NotFoundError', async () => {
    const user = await createUser(database.db, { deleted: true });
    const key = await createApiKey(database.db, { userId: user.id });
    const read = await store.asSystemRestricted().getApiKeyAuthorization({ id: key.id });
    expect(read.user).toBeNull();
    expect(read.key.id).toBe(key.id);
    const now = await outcome(() => oneStatementPath(key.id));
    expect(now).toMatchObject({ error: 'NotFoundError', code: 'not_found' });
    expect(now).toEqual(await outcome(() => currentPath(key.id)));
  });

  it('an expired key of a deleted user is still api_key_expired, as before', async () => {
    const user = await createUser(database.db, { deleted: true });
    const key = await createApiKey(database.db, {
      userId: user.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    const now = await outcome(() => oneStatementPath(key.id));
    expect(now).toMatchObject({ reason: 'api_key_expired' });
    expect(now).toEqual(await outcome(() => currentPath(key.id)));
  });

  it('rows of another user are refused, not used', async () => {
    const alice = await memberWithGroups();
    const bob = await createUser(database.db);
    const rows = await store.asSystemRestricted().getAuthorizationUserRoles({ userId: bob.id });
    await expect(buildSubject(store, alice.id, { loaded: rows })).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });

  it('is system-only: a user may read their own key, but not with its owner rows', async () => {
    const user = await memberWithGroups();
    const key = await createApiKey(database.db, { userId: user.id });
    const asUser = store.as(await buildSubject(store, user.id));
    expect((await asUser.getApiKeyById({ id: key.id })).id).toBe(key.id);
    await expect(asUser.getApiKeyAuthorization({ id: key.id })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
