import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';
import { gate, outcomeOf, waitForLockWaits } from './support/interleave.ts';

// Role resurrection: a role write racing a revoke must never undo it. Before role writes
// compared-and-set the roles they read (and before a write that changes nothing was checked as
// assigning what it writes), re-sending the roles just read needed no right at all, and such a
// no-op raced against a revoke undid about half of the revokes.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let org: Organization;
let owner: User;

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  org = await createOrganization(database.db);
  owner = await createUser(database.db);
});

const siteOwner = () => createSubject({ id: owner.id, roles: ['member', 'owner'] });
const key = (user: User) => ({ organizationId: org.id, userId: user.id });

describe('the natural race of a revoke against a re-send of the roles just read', () => {
  it('undoes none of 100 org-admin revokes raced by the member re-sending them', async () => {
    const bob = await createUser(database.db);
    await createMember(database.db, { userId: bob.id, organizationId: org.id });
    let resurrected = 0;
    for (let round = 0; round < 100; round++) {
      await raw.updateOrganizationMemberRoles({ ...key(bob), roles: ['organization-admin'] });
      // Bob acts as the plain member he is about to be (a fresh subject after the revoke).
      const asBob = store.as(memberOf(bob.id, org.id));
      await Promise.all([
        outcomeOf(store.as(siteOwner()).updateOrganizationMemberRoles({ ...key(bob), roles: [] })),
        outcomeOf(
          asBob.updateOrganizationMemberRoles({ ...key(bob), roles: ['organization-admin'] }),
        ),
      ]);
      const { roles } = await raw.getOrganizationMember(key(bob));
      if (roles.includes('organization-admin')) resurrected += 1;
    }
    expect(resurrected).toBe(0);
  });

  it('undoes none of 100 owner revokes raced by an auditor re-sending them', async () => {
    const victim = await createUser(database.db);
    const auditor = await createUser(database.db);
    const asAuditor = store.as(createSubject({ id: auditor.id, roles: ['member', 'auditor'] }));
    let resurrected = 0;
    for (let round = 0; round < 100; round++) {
      await raw.updateUserRoles({ id: victim.id, roles: ['owner'] });
      await Promise.all([
        outcomeOf(store.as(siteOwner()).updateUserRoles({ id: victim.id, roles: [] })),
        outcomeOf(asAuditor.updateUserRoles({ id: victim.id, roles: ['owner'] })),
      ]);
      const { rbacRoles } = await raw.getUserById({ id: victim.id });
      if (rbacRoles.includes('owner')) resurrected += 1;
    }
    expect(resurrected).toBe(0);
  });
});

describe('a forced interleaving: the write read the roles before a revoke committed', () => {
  it('refuses to restore a role the writer could never assign (compare-and-set)', async () => {
    // carol, an org user admin, may unassign organization-workspace-access but never touch
    // organization-admin. She reads bob's [admin, access] and writes [admin] (only removing
    // access, which she may) while the owner's revoke of admin holds the row; when it commits,
    // her write would put admin back.
    const bob = await createUser(database.db);
    const carol = await createUser(database.db);
    await createMember(database.db, { userId: bob.id, organizationId: org.id });
    await createMember(database.db, { userId: carol.id, organizationId: org.id });
    await raw.updateOrganizationMemberRoles({
      ...key(bob),
      roles: ['organization-admin', 'organization-workspace-access'],
    });
    const asCarol = store.as(memberOf(carol.id, org.id, ['organization-user-admin']));
    const held = gate();
    const release = gate();
    const revoking = store.as(siteOwner()).inTx(async (tx) => {
      await tx.updateOrganizationMemberRoles({
        ...key(bob),
        roles: ['organization-workspace-access'],
      });
      held.open();
      await release.opened;
    });
    await held.opened;
    const writing = outcomeOf(
      asCarol.updateOrganizationMemberRoles({ ...key(bob), roles: ['organization-admin'] }),
    );
    await waitForLockWaits(database.client);
    release.open();
    await revoking;
    expect(await writing).toBe('serialization_failure');
    expect((await raw.getOrganizationMember(key(bob))).roles).toEqual([
      'organization-workspace-access',
    ]);
    // Retried on the committed row, carol's change is now an assignment of organization-admin.
    expect(
      await outcomeOf(
        asCarol.updateOrganizationMemberRoles({ ...key(bob), roles: ['organization-admin'] }),
      ),
    ).toBe('forbidden');
  });
});
