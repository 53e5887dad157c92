import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { systemRole } from '../../src/dbauthz/system-actors/system-role.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createUser } from '../support/factories/index.ts';

// insertOrganization's default member roles are held by every member who joins later: they are
// checked as a role assignment, as updateOrganization checks a change of them.

const database = databaseForFile();
let store: AuthorizedStore;

/** A subject that may create organizations and nothing else (a custom site role). */
async function orgCreator() {
  const user = await createUser(database.db);
  const role = systemRole('org-creator', { organization: ['create'] });
  return createSubject({ id: user.id, roles: ['member', role], groups: [] });
}

const orgNames = async () =>
  (await createRawStore(database.db).listOrganizations({ limit: 1000 })).map((o) => o.name);

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
});

describe('insertOrganization with default member roles', () => {
  it('refuses defaults the creator may not assign (every future member an org admin)', async () => {
    const creator = store.as(await orgCreator());
    await expect(
      creator.insertOrganization({
        name: 'escalated',
        defaultOrgMemberRoles: ['organization-admin'],
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await orgNames()).not.toContain('escalated');
    const plain = await creator.insertOrganization({ name: 'plain' });
    expect(plain.name).toBe('plain');
    expect(await orgNames()).toContain('plain');
  });

  it('refuses names that are not built-in org roles (a new org has no custom roles)', async () => {
    const owner = store.as(
      createSubject({ id: (await createUser(database.db)).id, roles: ['owner'], groups: [] }),
    );
    await expect(
      owner.insertOrganization({ name: 'typo', defaultOrgMemberRoles: ['organisation-admin'] }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'defaultOrgMemberRoles' });
    const made = await owner.insertOrganization({
      name: 'accessible',
      defaultOrgMemberRoles: ['organization-workspace-access'],
    });
    expect(made.defaultOrgMemberRoles).toEqual(['organization-workspace-access']);
    expect(await orgNames()).not.toContain('typo');
  });
});
