import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { systemActors } from '../../src/dbauthz/system-actors/system-actors.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createOrganization, createUser } from '../support/factories/index.ts';

// A subject's `type` is a label for logs, chosen by whoever builds the subject: it must never
// unlock anything. Only the store's own system actors (`store.asX()`) act on someone's behalf.

const database = databaseForFile();
let store: AuthorizedStore;
let org: Organization;
let owner: User;
let victim: User;

const key = (userId: string) => ({
  id: `k${randomBytes(8).toString('hex')}`,
  hashedSecret: randomBytes(32),
  userId,
  expiresAt: new Date(Date.now() + 3_600_000),
});

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  org = await createOrganization(database.db);
  owner = await createUser(database.db);
  victim = await createUser(database.db);
});

describe('a subject labelled "system" is still the user it is', () => {
  const spoofed = () => createSubject({ id: owner.id, roles: ['member', 'owner'], type: 'system' });

  it('cannot mint an API key for another user', async () => {
    await expect(store.as(spoofed()).insertApiKey(key(victim.id))).rejects.toBeForbidden();
    expect(await createRawStore(database.db).countApiKeysByUser({ userId: victim.id })).toBe(0);
  });

  it('cannot write another user as a template creator', async () => {
    await expect(
      store
        .as(spoofed())
        .insertTemplate({ organizationId: org.id, name: 'forged', createdBy: victim.id }),
    ).rejects.toBeForbidden();
  });

  it('a copy of a system actor bound with as() is no system actor either', async () => {
    const copy = store.as({ ...systemActors.asSystemRestricted });
    await expect(copy.insertApiKey(key(victim.id))).rejects.toBeForbidden();
  });

  it('while the real system actor mints a key for a user (the login flow)', async () => {
    const minted = await store.asSystemRestricted().insertApiKey(key(victim.id));
    expect(minted.userId).toBe(victim.id);
  });
});
