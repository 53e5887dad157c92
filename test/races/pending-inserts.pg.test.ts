import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, Template, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { PREBUILDS_USER_ID } from '../../src/dbauthz/system-actors/system-actors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createBuild,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';
import { gate, outcomeOf, waitForLockWaits } from './support/interleave.ts';

// An insert that checks its parent in the statement must not outlive a revoke. The attacker holds
// their own transaction open so that a second insert of theirs, already past its check, waits on a
// unique key; the owner then revokes. Before the parent row was share-locked by the insert, the
// revoke committed at once and the pending insert completed afterwards with a new agent token.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let org: Organization;
let template: Template;
let alice: User;
let bob: User;

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  org = await createOrganization(database.db);
  template = await createTemplate(database.db, { organizationId: org.id });
  alice = await createUser(database.db);
  bob = await createUser(database.db);
  for (const user of [alice, bob]) {
    await createMember(database.db, { userId: user.id, organizationId: org.id });
  }
});

const member = (user: User) => memberOf(user.id, org.id, ['organization-workspace-access']);

describe('a pending agent insert against a revoke of create_agent', () => {
  it('holds the revoke until the insert settles, so every agent bob got predates it', async () => {
    const ws = await createWorkspace(database.db, {
      ownerId: alice.id,
      organizationId: org.id,
      templateId: template.id,
      name: 'shared-agents',
      userAcl: { [bob.id]: ['read', 'create_agent'] },
    });
    const build = await createBuild(database.db, { workspaceId: ws.id });
    const asBob = store.as(member(bob));
    const held = gate();
    const release = gate();
    const holding = outcomeOf(
      asBob.inTx(async (tx) => {
        await tx.insertWorkspaceAgent({ buildId: build.id, name: 'x' });
        held.open();
        await release.opened;
        throw new Error('rolled back on purpose');
      }),
    );
    await held.opened;
    const settled: string[] = [];
    const pending = outcomeOf(asBob.insertWorkspaceAgent({ buildId: build.id, name: 'x' })).then(
      (outcome) => {
        settled.push(`insert:${outcome}`);
      },
    );
    await waitForLockWaits(database.client, 1);
    const revoking = store
      .as(member(alice))
      .updateWorkspaceAcl({ id: ws.id, userAcl: {}, groupAcl: {} })
      .then(() => {
        settled.push('revoke');
      });
    await waitForLockWaits(database.client, 2);
    expect(settled).toEqual([]); // the revoke waits for the pending insert
    release.open();
    await Promise.all([holding, pending, revoking]);
    // Both went through; which callback runs first after the release is JavaScript's business,
    // the database order was fixed above (the revoke waited for the insert).
    expect([...settled].sort()).toEqual(['insert:ok', 'revoke']);
    expect(await outcomeOf(asBob.insertWorkspaceAgent({ buildId: build.id, name: 'y' }))).toBe(
      'forbidden',
    );
    expect((await raw.getWorkspaceAgentsByBuild({ buildId: build.id })).map((a) => a.name)).toEqual(
      ['x'],
    );
  });
});

describe('a workspace for someone outside the organization', () => {
  it("refuses an org admin creating a workspace owned by another org's user", async () => {
    const globex = await createOrganization(database.db);
    const eve = await createUser(database.db);
    await createMember(database.db, { userId: eve.id, organizationId: globex.id });
    const globexTemplate = await createTemplate(database.db, { organizationId: globex.id });
    const asEve = store.as(memberOf(eve.id, globex.id, ['organization-admin']));
    const outcome = await outcomeOf(
      asEve.insertWorkspace({
        ownerId: alice.id,
        organizationId: globex.id,
        templateId: globexTemplate.id,
        name: 'stealth',
      }),
    );
    expect(outcome).toBe('forbidden');
    expect(await raw.countWorkspaces({ ownerId: alice.id, organizationId: globex.id })).toBe(0);
    // Her own workspace in her org still works.
    const own = await asEve.insertWorkspace({
      ownerId: eve.id,
      organizationId: globex.id,
      templateId: globexTemplate.id,
      name: 'mine',
    });
    expect(own.ownerId).toBe(eve.id);
  });
});

describe('a claim in a repeatable-read transaction against a revoke of template use', () => {
  it('is refused when the revoke committed after its snapshot was taken', async () => {
    const tpl = await createTemplate(database.db, {
      organizationId: org.id,
      groupAcl: { [org.id]: ['read', 'use'] },
    });
    const prebuild = await createWorkspace(database.db, {
      ownerId: PREBUILDS_USER_ID,
      organizationId: org.id,
      templateId: tpl.id,
      name: 'prebuild-rr',
    });
    await store
      .asSystemRestricted()
      .insertOrganizationMember({ organizationId: org.id, userId: PREBUILDS_USER_ID })
      .catch(() => undefined);
    const snapshotTaken = gate();
    const revoked = gate();
    const claiming = outcomeOf(
      store.as(member(bob)).inTx(
        async (tx) => {
          await tx.getTemplateById({ id: tpl.id });
          snapshotTaken.open();
          await revoked.opened;
          return tx.claimPrebuiltWorkspace({ id: prebuild.id, newOwnerId: bob.id, name: 'mine' });
        },
        { isolation: 'repeatable read' },
      ),
    );
    await snapshotTaken.opened;
    const admin = await createUser(database.db);
    await createMember(database.db, { userId: admin.id, organizationId: org.id });
    await store
      .as(memberOf(admin.id, org.id, ['organization-admin']))
      .updateTemplateAcl({ id: tpl.id, userAcl: {}, groupAcl: {} });
    revoked.open();
    expect(await claiming).toBe('forbidden');
    expect((await raw.getWorkspaceById({ id: prebuild.id })).ownerId).toBe(PREBUILDS_USER_ID);
  });
});
