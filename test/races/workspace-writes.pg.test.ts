import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, Template, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { PREBUILDS_USER_ID } from '../../src/dbauthz/system-actors/system-actors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createMember,
  createOrganization,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';
import { gate, outcomeOf, waitForLockWaits } from './support/interleave.ts';

// Forced interleavings of a write against a concurrent change to the row it writes. The change
// holds the row lock through the store's own inTx until the write is blocked on it, then commits:
// the write must see the committed row, as in some serial order. None of these outcomes was
// possible in a serial order before writes carried their check in the statement.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let org: Organization;
let template: Template;
let alice: User; // owns the workspaces
let bob: User; // a member alice shares with

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  org = await createOrganization(database.db);
  // Every member may use the template (the Everyone group, keyed by the org id).
  template = await createTemplate(database.db, {
    organizationId: org.id,
    groupAcl: { [org.id]: ['read', 'use'] },
  });
  alice = await createUser(database.db);
  bob = await createUser(database.db);
  for (const user of [alice, bob]) {
    await createMember(database.db, { userId: user.id, organizationId: org.id });
  }
});

const member = (user: User) => memberOf(user.id, org.id, ['organization-workspace-access']);

/** Runs `change` in an inTx of `actor`, holding its row locks until `write` is blocked on them. */
async function interleave(
  change: (tx: AuthorizedStore) => Promise<unknown>,
  write: () => Promise<unknown>,
) {
  const held = gate();
  const release = gate();
  const changing = store.as(member(alice)).inTx(async (tx) => {
    await change(tx);
    held.open();
    await release.opened;
  });
  await held.opened;
  const writing = outcomeOf(write());
  await waitForLockWaits(database.client);
  release.open();
  await changing;
  return writing;
}

describe('a revoked ACL grant cannot finish a write it started', () => {
  const variants = {
    'a plain call': (ws: string) => store.as(member(bob)).softDeleteWorkspace({ id: ws }),
    'a call inside inTx': (ws: string) =>
      store.as(member(bob)).inTx((tx) => tx.softDeleteWorkspace({ id: ws })),
    // Repeatable read: the blocked UPDATE fails with 40001, the retry runs on the new snapshot.
    'inTx at repeatable read': (ws: string) =>
      store
        .as(member(bob))
        .inTx((tx) => tx.softDeleteWorkspace({ id: ws }), { isolation: 'repeatable read' }),
  };
  for (const [name, deleteAsBob] of Object.entries(variants)) {
    it(`refuses the sharee's delete when the revoke commits first (${name})`, async () => {
      const ws = await createWorkspace(database.db, {
        ownerId: alice.id,
        organizationId: org.id,
        templateId: template.id,
        name: `shared-${randomUUID().slice(0, 8)}`,
        userAcl: { [bob.id]: ['read', 'delete'] },
      });
      const outcome = await interleave(
        (tx) => tx.updateWorkspaceAcl({ id: ws.id, userAcl: {}, groupAcl: {} }),
        () => deleteAsBob(ws.id),
      );
      expect(outcome).toBe('forbidden');
      const stored = await raw.getWorkspaceById({ id: ws.id });
      expect({ deleted: stored.deleted, userAcl: stored.userAcl }).toEqual({
        deleted: false,
        userAcl: {},
      });
    });
  }
});

describe('a prebuild claimed meanwhile is no longer a prebuild', () => {
  it("refuses a template admin's delete of a workspace a member claimed first", async () => {
    const templateAdmin = await createUser(database.db);
    await createMember(database.db, { userId: templateAdmin.id, organizationId: org.id });
    const prebuild = await createWorkspace(database.db, {
      ownerId: PREBUILDS_USER_ID,
      organizationId: org.id,
      templateId: template.id,
      name: `prebuild-${randomUUID().slice(0, 8)}`,
    });
    // The claim runs as bob (held open), the delete as a template admin of the org, who may
    // delete prebuilt workspaces only.
    const held = gate();
    const release = gate();
    const claiming = store.as(member(bob)).inTx(async (tx) => {
      await tx.claimPrebuiltWorkspace({ id: prebuild.id, newOwnerId: bob.id, name: 'mine' });
      held.open();
      await release.opened;
    });
    await held.opened;
    const admin = memberOf(templateAdmin.id, org.id, ['organization-template-admin']);
    const deleting = outcomeOf(store.as(admin).softDeleteWorkspace({ id: prebuild.id }));
    await waitForLockWaits(database.client);
    release.open();
    await claiming;
    expect(await deleting).toBe('forbidden');
    const stored = await raw.getWorkspaceById({ id: prebuild.id });
    expect({ deleted: stored.deleted, ownerId: stored.ownerId }).toEqual({
      deleted: false,
      ownerId: bob.id,
    });
  });

  it('still lets the template admin delete an unclaimed prebuild (the guard is not a blanket deny)', async () => {
    const templateAdmin = await createUser(database.db);
    await createMember(database.db, { userId: templateAdmin.id, organizationId: org.id });
    const prebuild = await createWorkspace(database.db, {
      ownerId: PREBUILDS_USER_ID,
      organizationId: org.id,
      templateId: template.id,
      name: `prebuild-${randomUUID().slice(0, 8)}`,
    });
    const admin = memberOf(templateAdmin.id, org.id, ['organization-template-admin']);
    await store.as(admin).softDeleteWorkspace({ id: prebuild.id });
    expect((await raw.getWorkspaceById({ id: prebuild.id })).deleted).toBe(true);
  });
});
