import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { hasErrorCode } from '../../src/rbac/errors.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createCustomRole,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let bob: User;

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: unknown) => (hasErrorCode(error) ? (error as { code: string }).code : String(error)),
  );
const rolesOf = async (org: Organization, user: User) =>
  (await raw.getOrganizationMember({ organizationId: org.id, userId: user.id })).roles;
const setRoles = (org: Organization, user: User, roles: string[]) =>
  raw.updateOrganizationMemberRoles({ organizationId: org.id, userId: user.id, roles });

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db, { name: 'acme' });
  globex = await createOrganization(database.db, { name: 'globex' });
  bob = await createUser(database.db, { username: 'bob' });
  await createMember(database.db, { organizationId: acme.id, userId: bob.id });
  await createMember(database.db, { organizationId: globex.id, userId: bob.id });
});

describe('org role assignment', () => {
  it('lets an org admin assign org roles in their org but not in another', async () => {
    const admin = store.as(
      memberOf((await createUser(database.db)).id, acme.id, ['organization-admin']),
    );
    const key = { organizationId: acme.id, userId: bob.id };
    await admin.updateOrganizationMemberRoles({ ...key, roles: ['organization-auditor'] });
    expect(await rolesOf(acme, bob)).toEqual(['organization-auditor']);
    expect(
      await code(
        admin.updateOrganizationMemberRoles({
          organizationId: globex.id,
          userId: bob.id,
          roles: ['organization-auditor'],
        }),
      ),
    ).toBe('forbidden');
    expect(await rolesOf(globex, bob)).toEqual([]);
  });

  it('checks only the delta: keeping a role the actor may not touch is fine, adding one is not', async () => {
    await setRoles(acme, bob, ['organization-admin', 'organization-workspace-access']);
    const userAdmin = store.as(
      memberOf((await createUser(database.db)).id, acme.id, ['organization-user-admin']),
    );
    const key = { organizationId: acme.id, userId: bob.id };
    // Removing workspace access while keeping organization-admin (which it may not assign): allowed.
    await userAdmin.updateOrganizationMemberRoles({ ...key, roles: ['organization-admin'] });
    expect(await rolesOf(acme, bob)).toEqual(['organization-admin']);
    // Removing organization-admin is an unassign the table refuses.
    expect(await code(userAdmin.updateOrganizationMemberRoles({ ...key, roles: [] }))).toBe(
      'forbidden',
    );
    // Adding organization-auditor is refused; re-adding workspace access is not.
    expect(
      await code(
        userAdmin.updateOrganizationMemberRoles({
          ...key,
          roles: ['organization-admin', 'organization-auditor'],
        }),
      ),
    ).toBe('forbidden');
    expect(await rolesOf(acme, bob)).toEqual(['organization-admin']);
    await userAdmin.updateOrganizationMemberRoles({
      ...key,
      roles: ['organization-admin', 'organization-workspace-access'],
    });
    expect(await rolesOf(acme, bob)).toEqual([
      'organization-admin',
      'organization-workspace-access',
    ]);
  });

  it('lets an org admin assign a custom role of the org, refuses an org user admin and unknown names', async () => {
    await setRoles(acme, bob, []);
    const viewer = await createCustomRole(database.db, { organizationId: acme.id, name: 'viewer' });
    const key = { organizationId: acme.id, userId: bob.id };
    const userAdmin = store.as(
      memberOf((await createUser(database.db)).id, acme.id, ['organization-user-admin']),
    );
    expect(
      await code(userAdmin.updateOrganizationMemberRoles({ ...key, roles: [viewer.name] })),
    ).toBe('forbidden');
    const admin = store.as(
      memberOf((await createUser(database.db)).id, acme.id, ['organization-admin']),
    );
    expect(await code(admin.updateOrganizationMemberRoles({ ...key, roles: ['ghost'] }))).toBe(
      'invalid_input',
    );
    expect(await code(admin.updateOrganizationMemberRoles({ ...key, roles: ['owner'] }))).toBe(
      'invalid_input',
    );
    expect(await rolesOf(acme, bob)).toEqual([]);
    await admin.updateOrganizationMemberRoles({ ...key, roles: [viewer.name] });
    expect(await rolesOf(acme, bob)).toEqual(['viewer']);
  });

  it('checks explicit roles on insert: an org user admin adds members but not admins', async () => {
    const userAdmin = store.as(
      memberOf((await createUser(database.db)).id, acme.id, ['organization-user-admin']),
    );
    const carol = await createUser(database.db);
    const key = { organizationId: acme.id, userId: carol.id };
    expect(
      await code(userAdmin.insertOrganizationMember({ ...key, roles: ['organization-admin'] })),
    ).toBe('forbidden');
    expect(await code(raw.getOrganizationMember(key))).toBe('not_found');
    const row = await userAdmin.insertOrganizationMember(key);
    expect(row.roles).toEqual(acme.defaultOrgMemberRoles);
    expect(
      await code(
        store.as(memberOf(carol.id, acme.id)).insertOrganizationMember({
          organizationId: acme.id,
          userId: (await createUser(database.db)).id,
        }),
      ),
    ).toBe('forbidden');
  });
});

describe('site role assignment', () => {
  it('lets a user admin assign member-level roles but never owner', async () => {
    const dave = await createUser(database.db, { username: 'dave' });
    await createMember(database.db, { organizationId: acme.id, userId: dave.id });
    const admin = await createUser(database.db);
    const userAdmin = store.as(createSubject({ id: admin.id, roles: ['member', 'user-admin'] }));
    expect(await code(userAdmin.updateUserRoles({ id: dave.id, roles: ['owner'] }))).toBe(
      'forbidden',
    );
    expect(await code(userAdmin.updateUserRoles({ id: dave.id, roles: ['template-admin'] }))).toBe(
      'forbidden',
    );
    expect((await raw.getUserById({ id: dave.id })).rbacRoles).toEqual([]);
    // `member` is implied: listing it is no change at all.
    expect((await userAdmin.updateUserRoles({ id: dave.id, roles: ['member'] })).rbacRoles).toEqual(
      [],
    );
    // Member-level org roles in any org, through assign_org_role at site level.
    const key = { organizationId: acme.id, userId: dave.id };
    await setRoles(acme, dave, []);
    await userAdmin.updateOrganizationMemberRoles({
      ...key,
      roles: ['organization-workspace-access'],
    });
    expect(await rolesOf(acme, dave)).toEqual(['organization-workspace-access']);
    expect(
      await code(
        userAdmin.updateOrganizationMemberRoles({ ...key, roles: ['organization-admin'] }),
      ),
    ).toBe('forbidden');
  });

  it('lets an owner grant and revoke site roles, and rejects non-site role names', async () => {
    const erin = await createUser(database.db, { rbacRoles: ['auditor'] });
    const owner = store.as(createSubject({ id: bob.id, roles: ['owner'] }));
    expect(
      (await owner.updateUserRoles({ id: erin.id, roles: ['template-admin'] })).rbacRoles,
    ).toEqual(['template-admin']);
    expect(await code(owner.updateUserRoles({ id: erin.id, roles: ['organization-admin'] }))).toBe(
      'invalid_input',
    );
    expect((await raw.getUserById({ id: erin.id })).rbacRoles).toEqual(['template-admin']);
  });
});
