import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { customRoleValue } from '../../src/dbauthz/resources/custom-role-value.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { RoleRef, ScopeSpec, Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createCustomRole,
  createGroup,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let bob: User;

const subject = (user: User, roles: RoleRef[], scope: ScopeSpec = 'coder:all'): Subject =>
  createSubject({ id: user.id, roles: ['member', ...roles], scope });
const orgRole = (name: string, org: Organization) => ({ name, org: org.id });
const orgAdmin = (user: User) => memberOf(user.id, acme.id, ['organization-admin']);
/** The code a call rejects with (fails the test when it resolves). */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => (error as { code?: string }).code,
  );
const keyInput = (id: string, user: User, extra: { scopes?: string[]; allowList?: string[] }) => ({
  id,
  userId: user.id,
  hashedSecret: Buffer.from('secret'),
  expiresAt: new Date(Date.now() + 86_400_000),
  ...extra,
});

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db, { name: 'acme' });
  alice = await createUser(database.db, { username: 'alice' });
  bob = await createUser(database.db, { username: 'bob' });
  await createMember(database.db, { organizationId: acme.id, userId: alice.id });
});

describe('insertUser: site roles and system users are assignments, not free fields', () => {
  it('refuses a user admin inserting an owner, and writes nothing', async () => {
    const asUserAdmin = store.as(subject(alice, ['user-admin']));
    const input = { email: 'mallory@example.com', username: 'mallory', rbacRoles: ['owner'] };
    expect(await rejection(asUserAdmin.insertUser(input))).toBe('forbidden');
    expect(await rejection(raw.getUserByUsername({ username: 'mallory' }))).toBe('not_found');
  });

  it('refuses a user admin inserting a system user; an owner may, and may grant roles', async () => {
    const asUserAdmin = store.as(subject(alice, ['user-admin']));
    const system = { email: 'robot@example.com', username: 'robot', isSystem: true };
    expect(await rejection(asUserAdmin.insertUser(system))).toBe('forbidden');
    expect(await rejection(raw.getUserByUsername({ username: 'robot' }))).toBe('not_found');
    const plain = await asUserAdmin.insertUser({ email: 'carol@example.com', username: 'carol' });
    expect(plain).toMatchObject({ rbacRoles: [], isSystem: false });
    const asOwner = store.as(subject(bob, ['owner']));
    expect(await asOwner.insertUser(system)).toMatchObject({ isSystem: true });
    const auditor = { email: 'dave@example.com', username: 'dave', rbacRoles: ['auditor'] };
    expect((await asOwner.insertUser(auditor)).rbacRoles).toEqual(['auditor']);
  });

  it('rejects a role name that is not a site role as invalid input', async () => {
    const asOwner = store.as(subject(bob, ['owner']));
    const input = {
      email: 'erin@example.com',
      username: 'erin',
      rbacRoles: ['organization-admin'],
    };
    expect(await rejection(asOwner.insertUser(input))).toBe('invalid_input');
  });
});

describe('updateOrganization: default member roles are an assignment to every member', () => {
  it('refuses a custom role holding only organization update raising the defaults', async () => {
    const updater = customRoleValue({
      organizationId: acme.id,
      name: 'org-updater',
      orgPermissions: [{ type: 'organization', action: 'update', negate: false }],
    });
    const asUpdater = store.as(subject(alice, [orgRole('organization-member', acme), updater]));
    const before = (await raw.getOrganizationById({ id: acme.id })).defaultOrgMemberRoles;
    const raise = { id: acme.id, defaultOrgMemberRoles: ['organization-admin'] };
    expect(await rejection(asUpdater.updateOrganization(raise))).toBe('forbidden');
    expect((await raw.getOrganizationById({ id: acme.id })).defaultOrgMemberRoles).toEqual(before);
    // Its other fields stay editable by the same actor.
    const renamed = await asUpdater.updateOrganization({ id: acme.id, displayName: 'ACME' });
    expect(renamed).toMatchObject({ displayName: 'ACME', defaultOrgMemberRoles: before });
  });

  it('lets an org admin set assignable defaults and rejects unknown names', async () => {
    const asAdmin = store.as(orgAdmin(alice));
    const set = { id: acme.id, defaultOrgMemberRoles: ['organization-auditor'] };
    expect((await asAdmin.updateOrganization(set)).defaultOrgMemberRoles).toEqual([
      'organization-auditor',
    ]);
    const ghost = { id: acme.id, defaultOrgMemberRoles: ['ghost'] };
    expect(await rejection(asAdmin.updateOrganization(ghost))).toBe('invalid_input');
    expect((await raw.getOrganizationById({ id: acme.id })).defaultOrgMemberRoles).toEqual([
      'organization-auditor',
    ]);
  });
});

describe('insertApiKey: a scoped session cannot mint a broader key', () => {
  it('refuses a manage_self session minting a coder:all key, but allows its own scope', async () => {
    const asScoped = store.as(subject(alice, [], 'coder:apikeys.manage_self'));
    const broad = keyInput('broadkey001', alice, { scopes: ['coder:all'] });
    expect(await rejection(asScoped.insertApiKey(broad))).toBe('forbidden');
    // No scopes given means coder:all: just as broad.
    const implicit = keyInput('broadkey002', alice, {});
    expect(await rejection(asScoped.insertApiKey(implicit))).toBe('forbidden');
    expect(await raw.countApiKeysByUser({ userId: alice.id })).toBe(0);
    const same = keyInput('samekey0001', alice, { scopes: ['coder:apikeys.manage_self'] });
    expect((await asScoped.insertApiKey(same)).scopes).toEqual(['coder:apikeys.manage_self']);
  });

  it('refuses widening the allow list of a coder:all session limited to one workspace', async () => {
    const one = '5f0c2a5e-0000-4000-8000-00000000aaaa';
    // The session may touch one workspace and API keys (it must reach `api_key` to mint at all).
    const limited = {
      scopes: ['coder:all'],
      allowList: [
        { type: 'workspace' as const, id: one },
        { type: 'api_key' as const, id: '*' },
      ],
    };
    const asLimited = store.as(subject(bob, [], limited));
    const wide = keyInput('widekey0001', bob, { scopes: ['coder:all'] });
    expect(await rejection(asLimited.insertApiKey(wide))).toBe('forbidden');
    const narrow = keyInput('narrowkey01', bob, { allowList: [`workspace:${one}`] });
    expect((await asLimited.insertApiKey(narrow)).allowList).toEqual([`workspace:${one}`]);
    const asFull = store.as(subject(bob, []));
    expect((await asFull.insertApiKey(keyInput('fullkey0001', bob, {}))).scopes).toEqual([
      'coder:all',
    ]);
  });
});

describe('custom roles: system roles are out of the store', () => {
  it('refuses creating, updating or deleting a system role, even as owner', async () => {
    const asOwner = store.as(subject(bob, ['owner']));
    const create = { organizationId: acme.id, name: 'sys-new', isSystem: true };
    expect(await rejection(asOwner.insertCustomRole(create))).toBe('invalid_input');
    const sys = await createCustomRole(database.db, {
      organizationId: acme.id,
      name: 'sys-role',
      isSystem: true,
    });
    const grant = [{ type: 'template', action: 'read', negate: false }];
    const key = { organizationId: acme.id, name: sys.name };
    expect(await rejection(asOwner.updateCustomRole({ ...key, orgPermissions: grant }))).toBe(
      'forbidden',
    );
    expect(await rejection(asOwner.deleteCustomRole(key))).toBe('forbidden');
    const [stored] = await raw.getCustomRolesByNames({ roles: [key] });
    expect(stored).toMatchObject({ isSystem: true, orgPermissions: sys.orgPermissions });
    expect((await raw.getCustomRolesByNames({ roles: [{ ...key, name: 'sys-new' }] })).length).toBe(
      0,
    );
  });

  it('still lets an org admin update and delete an ordinary role', async () => {
    const plain = await createCustomRole(database.db, { organizationId: acme.id, name: 'plain' });
    const key = { organizationId: acme.id, name: plain.name };
    const asAdmin = store.as(orgAdmin(alice));
    const grant = [{ type: 'template', action: 'read', negate: false }];
    expect(
      (await asAdmin.updateCustomRole({ ...key, orgPermissions: grant })).orgPermissions,
    ).toEqual(grant);
    await asAdmin.deleteCustomRole(key);
    expect(await raw.getCustomRolesByNames({ roles: [key] })).toEqual([]);
  });
});

describe('insertGroupMember: only members of the group org may join', () => {
  it("refuses adding a user who is not in the group's organization", async () => {
    const group = await createGroup(database.db, { organizationId: acme.id, name: 'devs' });
    const asAdmin = store.as(orgAdmin(alice));
    expect(await rejection(asAdmin.insertGroupMember({ groupId: group.id, userId: bob.id }))).toBe(
      'invalid_input',
    );
    expect(await asAdmin.insertGroupMember({ groupId: group.id, userId: alice.id })).toMatchObject({
      groupId: group.id,
      userId: alice.id,
    });
    const members = await raw.listGroupMembers({ groupId: group.id });
    expect(members.map((m) => m.userId)).toEqual([alice.id]);
  });
});
