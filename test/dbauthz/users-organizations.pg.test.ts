import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { runAs } from '../../src/dbauthz/actor-scope.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { ForbiddenError } from '../../src/rbac/errors.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let alice: User;
let bob: User;
let acme: Organization;
let globex: Organization;

const subject = (user: User, roles: Subject['roles']): Subject =>
  createSubject({ id: user.id, roles });

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  alice = await raw.insertUser({ email: 'alice@example.com', username: 'alice' });
  bob = await raw.insertUser({ email: 'bob@example.com', username: 'bob' });
  acme = await raw.insertOrganization({ name: 'acme' });
  globex = await raw.insertOrganization({ name: 'globex' });
  await raw.insertOrganizationMember({ organizationId: acme.id, userId: alice.id });
  await raw.insertOrganizationMember({ organizationId: acme.id, userId: bob.id });
});

describe('users through the authorized store', () => {
  it('lets a member read themselves but not another user, and hides which rows exist', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    expect((await asAlice.getUserById({ id: alice.id })).username).toBe('alice');
    await expect(asAlice.getUserById({ id: bob.id })).rejects.toBeForbidden('forbidden');
    const nobody = '5f0c2a5e-0000-4000-8000-000000000000';
    await expect(asAlice.getUserById({ id: nobody })).rejects.toBeForbidden('not_found');
    await expect(asAlice.getUserByUsername({ username: 'bob' })).rejects.toBeForbidden('forbidden');
  });

  it('filters the user list in SQL: a member sees themselves, an owner sees every user', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    expect((await asAlice.listUsers({})).map((u) => u.username)).toEqual(['alice']);
    expect(await asAlice.countUsers({})).toBe(1);
    const asOwner = store.as(subject(bob, ['owner']));
    const everyone = await raw.listUsers({});
    expect((await asOwner.listUsers({})).map((u) => u.id)).toEqual(everyone.map((u) => u.id));
    expect(await asOwner.countUsers({})).toBe(everyone.length);
    expect(everyone.length).toBeGreaterThan(2);
  });

  it('lets a member update their own profile but not another user, nor their own status', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    expect((await asAlice.updateUserProfile({ id: alice.id, name: 'Alice A.' })).name).toBe(
      'Alice A.',
    );
    await expect(
      asAlice.updateUserProfile({ id: bob.id, name: 'Mallory' }),
    ).rejects.toBeForbidden();
    await expect(
      asAlice.updateUserStatus({ id: alice.id, status: 'suspended' }),
    ).rejects.toBeForbidden();
    expect(await raw.getUserById({ id: bob.id })).toMatchObject({ name: '', status: 'active' });
    expect((await raw.getUserById({ id: alice.id })).status).toBe('active');
  });

  it('lets an owner insert users and suspend them; a member cannot insert', async () => {
    await expect(
      store.as(memberOf(alice.id, acme.id)).insertUser({ email: 'x@example.com', username: 'x' }),
    ).rejects.toBeForbidden();
    expect(await raw.getUserByUsername({ username: 'x' }).catch((e: Error) => e.name)).toBe(
      'NotFoundError',
    );
    const asOwner = store.as(subject(bob, ['owner']));
    const carol = await asOwner.insertUser({ email: 'carol@example.com', username: 'carol' });
    expect((await asOwner.updateUserStatus({ id: carol.id, status: 'suspended' })).status).toBe(
      'suspended',
    );
  });
});

describe('organizations through the authorized store', () => {
  it('lists only the organizations a member belongs to; an owner lists all', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    expect((await asAlice.listOrganizations({})).map((o) => o.name)).toEqual(['acme']);
    expect(await asAlice.countOrganizations({})).toBe(1);
    await expect(asAlice.getOrganizationById({ id: globex.id })).rejects.toBeForbidden('forbidden');
    const all = await raw.listOrganizations({});
    const asOwner = store.as(subject(bob, ['owner']));
    expect((await asOwner.listOrganizations({})).map((o) => o.id)).toEqual(all.map((o) => o.id));
  });

  it('lets an org admin update their org only; a plain member cannot', async () => {
    await expect(
      store.as(memberOf(alice.id, acme.id)).updateOrganization({ id: acme.id, description: 'x' }),
    ).rejects.toBeForbidden();
    const admin = store.as(memberOf(bob.id, acme.id, ['organization-admin']));
    expect(
      (await admin.updateOrganization({ id: acme.id, description: 'Acme Corp' })).description,
    ).toBe('Acme Corp');
    await expect(
      admin.updateOrganization({ id: globex.id, description: 'taken over' }),
    ).rejects.toBeForbidden();
    expect((await raw.getOrganizationById({ id: globex.id })).description).toBe('');
  });

  it('lets only a site owner create and delete organizations', async () => {
    await expect(
      store.as(memberOf(alice.id, acme.id)).insertOrganization({ name: 'initech' }),
    ).rejects.toBeForbidden();
    const asOwner = store.as(subject(bob, ['owner']));
    const initech = await asOwner.insertOrganization({ name: 'initech' });
    await expect(
      store
        .as(memberOf(alice.id, acme.id, ['organization-admin']))
        .deleteOrganization({ id: initech.id }),
    ).rejects.toBeForbidden();
    await asOwner.deleteOrganization({ id: initech.id });
    expect((await raw.getOrganizationById({ id: initech.id })).deleted).toBe(true);
  });
});

describe('actor binding, system actors and transactions on PostgreSQL', () => {
  it('acts as the runAs actor for an unbound store', async () => {
    const names = await runAs(memberOf(alice.id, acme.id), async () =>
      (await store.listUsers({})).map((u) => u.username),
    );
    expect(names).toEqual(['alice']);
  });

  it('lets the restricted system actor read any user', async () => {
    expect((await store.asSystemRestricted().getUserById({ id: bob.id })).username).toBe('bob');
  });

  it('rolls the whole transaction back when a check inside it is denied', async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id));
    const error = await asAlice
      .inTx(async (tx) => {
        await tx.updateUserProfile({ id: alice.id, name: 'inside the transaction' });
        return tx.insertOrganization({ name: 'sneaky' });
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((await raw.getUserById({ id: alice.id })).name).not.toBe('inside the transaction');
    expect(await raw.getOrganizationByName({ name: 'sneaky' }).catch((e: Error) => e.name)).toBe(
      'NotFoundError',
    );
  });
});
