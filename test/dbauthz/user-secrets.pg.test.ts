import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { RoleName, Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let root: User; // a site owner

const as = (user: User, roles: RoleName[]): Subject => createSubject({ id: user.id, roles });
const aliceSubject = () => memberOf(alice.id, acme.id);

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db);
  alice = await createUser(database.db);
  root = await createUser(database.db);
  await createMember(database.db, { userId: alice.id, organizationId: acme.id });
  const asAlice = store.as(aliceSubject());
  await asAlice.createUserSecret({
    userId: alice.id,
    name: 'github',
    value: 'ghp_alice',
    envName: 'GH_TOKEN',
  });
  await asAlice.createUserSecret({ userId: alice.id, name: 'npm', value: 'npm_alice' });
});

describe('user secrets through the authorized store', () => {
  it('lets a user read, list (without values), count, update and delete their own secrets', async () => {
    const asAlice = store.as(aliceSubject());
    expect((await asAlice.getUserSecretByName({ userId: alice.id, name: 'github' })).value).toBe(
      'ghp_alice',
    );
    const listed = await asAlice.listUserSecrets({ userId: alice.id });
    expect(listed.map((s) => [s.name, 'value' in s])).toEqual([
      ['github', false],
      ['npm', false],
    ]);
    expect(await asAlice.countUserSecrets({ userId: alice.id })).toBe(2);
    await asAlice.createUserSecret({ userId: alice.id, name: 'tmp', value: 'x' });
    expect(
      (await asAlice.updateUserSecret({ userId: alice.id, name: 'tmp', value: 'y' })).value,
    ).toBe('y');
    await asAlice.deleteUserSecret({ userId: alice.id, name: 'tmp' });
    expect(await raw.countUserSecrets({ userId: alice.id })).toBe(2);
  });

  it("never lets a site owner (nor an org admin) touch another user's secrets, but the owner reads their own", async () => {
    const owner = store.as(as(root, ['owner', 'member']));
    const orgAdmin = store.as(
      as(await createUser(database.db), ['member', { name: 'organization-admin', org: acme.id }]),
    );
    for (const other of [owner, orgAdmin]) {
      await expect(
        other.getUserSecretByName({ userId: alice.id, name: 'github' }),
      ).rejects.toBeForbidden();
      expect(await other.listUserSecrets({ userId: alice.id })).toEqual([]);
      expect(await other.countUserSecrets({ userId: alice.id })).toBe(0);
      await expect(
        other.updateUserSecret({ userId: alice.id, name: 'github', value: 'stolen' }),
      ).rejects.toBeForbidden();
      await expect(
        other.deleteUserSecret({ userId: alice.id, name: 'npm' }),
      ).rejects.toBeForbidden();
      await expect(
        other.createUserSecret({ userId: alice.id, name: 'planted', value: 'x' }),
      ).rejects.toBeForbidden();
    }
    expect(
      (await raw.listUserSecretsWithValues({ userId: alice.id })).map((s) => [s.name, s.value]),
    ).toEqual([
      ['github', 'ghp_alice'],
      ['npm', 'npm_alice'],
    ]);
    await owner.createUserSecret({ userId: root.id, name: 'aws', value: 'AKIA_root' });
    expect((await owner.getUserSecretByName({ userId: root.id, name: 'aws' })).value).toBe(
      'AKIA_root',
    );
    expect((await owner.listUserSecrets({ userId: root.id })).map((s) => s.name)).toEqual(['aws']);
  });

  it('gives secret values in bulk to the secrets reader only: not asSystemRestricted, an owner or the user', async () => {
    await expect(
      store.asSystemRestricted().listUserSecretsWithValues({ userId: alice.id }),
    ).rejects.toBeForbidden();
    await expect(
      store.as(as(root, ['owner', 'member'])).listUserSecretsWithValues({ userId: alice.id }),
    ).rejects.toBeForbidden();
    await expect(
      store.as(aliceSubject()).listUserSecretsWithValues({ userId: alice.id }),
    ).rejects.toBeForbidden();
    await expect(
      store.asSystemRestricted().getUserSecretByName({ userId: alice.id, name: 'github' }),
    ).rejects.toBeForbidden();
    expect(await store.asSystemRestricted().listUserSecrets({ userId: alice.id })).toEqual([]);
    const values = await store.asSecretsReader().listUserSecretsWithValues({ userId: alice.id });
    expect(values.map((s) => [s.name, s.value, s.envName])).toEqual([
      ['github', 'ghp_alice', 'GH_TOKEN'],
      ['npm', 'npm_alice', null],
    ]);
    expect(
      await store.asSecretsReader().listUserSecretsWithValues({ userId: randomUUID() }),
    ).toEqual([]);
  });
});
