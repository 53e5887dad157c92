import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/index.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createUser } from '../support/factories/index.ts';

// Attack: a site owner cannot read another user's secrets, but could mint an API key for that
// user (insertApiKey({ userId: other })) and act as them. Minting a key for someone else is not
// an owner power: a user mints keys for themselves, and the login flow mints through the named
// system actor asSystemRestricted. Scopes are validated when stored: an unknown scope name used
// to be stored and then failed every later use of the key.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let siteOwner: User;
let alice: User;

let serial = 0;
const keyFor = (user: User, extra: { scopes?: string[]; allowList?: string[] } = {}) => ({
  id: `mintkey${String(++serial).padStart(5, '0')}`,
  userId: user.id,
  hashedSecret: Buffer.from('hashed'),
  expiresAt: new Date(Date.now() + 86_400_000),
  ...extra,
});
const keyIdsOf = async (user: User) =>
  (await raw.listApiKeysByUser({ userId: user.id, limit: 1000 })).map((k) => k.id);

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  siteOwner = await createUser(database.db, { rbacRoles: ['owner'] });
  alice = await createUser(database.db);
});

describe('minting API keys', () => {
  it('refuses a site owner minting a key for another user, and stores nothing', async () => {
    const asOwner = store.as(await buildSubject(store, siteOwner.id));
    const forged = keyFor(alice);
    await expect(asOwner.insertApiKey(forged)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await keyIdsOf(alice)).not.toContain(forged.id);
  });

  it('lets a user, the site owner included, mint keys for themselves', async () => {
    const asOwner = store.as(await buildSubject(store, siteOwner.id));
    const own = await asOwner.insertApiKey(keyFor(siteOwner));
    expect(own.userId).toBe(siteOwner.id);
    const asAlice = store.as(await buildSubject(store, alice.id));
    const hers = await asAlice.insertApiKey(keyFor(alice));
    expect(await keyIdsOf(alice)).toContain(hers.id);
  });

  it('lets the login flow mint a key for a user as asSystemRestricted, and no other actor', async () => {
    const login = keyFor(alice);
    expect((await store.asSystemRestricted().insertApiKey(login)).userId).toBe(alice.id);
    for (const other of [store.asProvisionerd(), store.asWorkspaceBuilder(), store.asDBPurge()]) {
      const attempt = keyFor(alice);
      await expect(other.insertApiKey(attempt)).rejects.toMatchObject({ code: 'forbidden' });
      expect(await keyIdsOf(alice)).not.toContain(attempt.id);
    }
  });

  it('refuses an unknown scope name as invalid_input when stored', async () => {
    const asAlice = store.as(await buildSubject(store, alice.id));
    const unknown = keyFor(alice, { scopes: ['coder:all', 'coder:nonsense'] });
    await expect(asAlice.insertApiKey(unknown)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'scopes.1',
    });
    const action = keyFor(alice, { scopes: ['workspace:fly'] });
    await expect(asAlice.insertApiKey(action)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'scopes.0',
    });
    const type = keyFor(alice, { allowList: ['spaceship:*'] });
    await expect(asAlice.insertApiKey(type)).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'allowList.0',
    });
    expect(await keyIdsOf(alice)).not.toContain(unknown.id);
    expect(await keyIdsOf(alice)).not.toContain(action.id);
    expect(await keyIdsOf(alice)).not.toContain(type.id);
    // Known names, aliases and low-level scopes are stored as given.
    const fine = keyFor(alice, { scopes: ['all', 'workspace:read'], allowList: ['workspace:*'] });
    expect((await asAlice.insertApiKey(fine)).scopes).toEqual(['all', 'workspace:read']);
  });
});
