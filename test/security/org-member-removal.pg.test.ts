import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { organizationMembers } from '../../db/schema/index.ts';
import type { Organization, Template, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Removing someone from an organization revokes what they held there through groups: their group
// memberships in that org go with the membership, and a group row left behind grants nothing.
// Attack (race): a group add checked the org membership in one statement and inserted in another;
// a removal committed in between (or running alongside) left the new group row behind, and a
// re-invite brought the group and its template grant back. The INSERT now decides membership
// itself, locking the membership row, so the removal either waits for the add or wins.

const database = databaseForFile();
let store: AuthorizedStore;
let acme: Organization;
let admin: User;

/** A user in acme and in a fresh acme group that alone may use a fresh template. */
async function groupMemberWithTemplate(): Promise<{ user: User; groupId: string; t: Template }> {
  const user = await createUser(database.db);
  await createMember(database.db, { userId: user.id, organizationId: acme.id });
  const groupId = (await createGroup(database.db, { organizationId: acme.id })).id;
  await createGroupMember(database.db, { groupId, userId: user.id });
  const t = await createTemplate(database.db, {
    organizationId: acme.id,
    groupAcl: { [groupId]: ['read', 'use'] },
  });
  return { user, groupId, t };
}

/** A fresh acme member, a fresh acme group (not yet theirs) alone granted a fresh template. */
async function memberAndGroupWithTemplate(): Promise<{ user: User; groupId: string; t: Template }> {
  const user = await createUser(database.db);
  await createMember(database.db, { userId: user.id, organizationId: acme.id });
  const groupId = (await createGroup(database.db, { organizationId: acme.id })).id;
  const t = await createTemplate(database.db, {
    organizationId: acme.id,
    groupAcl: { [groupId]: ['read', 'use'] },
  });
  return { user, groupId, t };
}

/** `raw` whose `insertGroupMember` runs `between(run)`, which must call `run` (the real insert). */
function interleaved(
  raw: RawStore,
  between: (insert: () => ReturnType<RawStore['insertGroupMember']>) => Promise<unknown>,
): RawStore {
  return new Proxy(raw, {
    get(target, key, receiver) {
      if (key !== 'insertGroupMember') return Reflect.get(target, key, receiver);
      return (...args: Parameters<RawStore['insertGroupMember']>) =>
        between(() => target.insertGroupMember(...args));
    },
  });
}

/** Whether a statement of this database whose text starts with `prefix` waits for a lock. */
async function waitsOnLock(prefix: string): Promise<boolean> {
  const rows = await database.client`
    select 1 from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'
      and query ilike ${`${prefix}%`}`;
  return rows.length > 0;
}

/** Resolves once `promise` settled or a statement starting with `prefix` waits on a lock. */
async function settledOrBlocked(promise: Promise<unknown>, prefix: string): Promise<void> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  while (!settled && !(await waitsOnLock(prefix))) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The error a group add for a user outside acme gets (the answer for a removed member too). */
async function nonMemberAddError(asAdmin: AuthorizedStore, groupId: string): Promise<unknown> {
  const outsider = await createUser(database.db);
  return asAdmin.insertGroupMember({ groupId, userId: outsider.id }).then(
    () => expect.fail('a non-member was added'),
    (error: unknown) => error,
  );
}

/** After a re-invite, `user` is in no group of acme and cannot see `t`. */
async function expectNoGroupAfterReinvite(user: User, groupId: string, t: Template) {
  const asAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
  await asAdmin.insertOrganizationMember({ organizationId: acme.id, userId: user.id });
  const again = await buildSubject(store, user.id);
  expect(again.groups).not.toContain(groupId);
  await expect(store.as(again).getTemplateById({ id: t.id })).rejects.toBeForbidden();
}

const groupMemberIds = async (groupId: string) =>
  (await createRawStore(database.db).listGroupMembers({ groupId, limit: 1000 })).map(
    (m) => m.userId,
  );

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  acme = await createOrganization(database.db);
  admin = await createUser(database.db);
  await createMember(database.db, { userId: admin.id, organizationId: acme.id });
});

describe('removing an org member', () => {
  it('removes their group memberships in that org, so a re-invite does not bring them back', async () => {
    const { user, groupId, t } = await groupMemberWithTemplate();
    expect((await buildSubject(store, user.id)).groups).toContain(groupId);
    const asAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
    await asAdmin.deleteOrganizationMember({ organizationId: acme.id, userId: user.id });
    expect(await groupMemberIds(groupId)).toEqual([]);
    await asAdmin.insertOrganizationMember({ organizationId: acme.id, userId: user.id });
    const again = await buildSubject(store, user.id);
    expect(again.groups).not.toContain(groupId);
    await expect(store.as(again).getTemplateById({ id: t.id })).rejects.toBeForbidden();
    expect((await store.as(again).listTemplates({})).map((x) => x.id)).not.toContain(t.id);
  });

  it('keeps their group memberships in other orgs', async () => {
    const { user, groupId } = await groupMemberWithTemplate();
    const other = await createOrganization(database.db);
    await createMember(database.db, { userId: user.id, organizationId: other.id });
    const otherGroup = (await createGroup(database.db, { organizationId: other.id })).id;
    await createGroupMember(database.db, { groupId: otherGroup, userId: user.id });
    const asAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
    await asAdmin.deleteOrganizationMember({ organizationId: acme.id, userId: user.id });
    expect(await groupMemberIds(otherGroup)).toEqual([user.id]);
    const groups = (await buildSubject(store, user.id)).groups;
    expect(groups).toContain(otherGroup);
    expect(groups).not.toContain(groupId);
  });
});

describe('removing an org member while a group add is under way', () => {
  for (const isolation of ['repeatable read', 'serializable'] as const) {
    it(`leaves no group row when the removal runs at ${isolation} from a snapshot before the add`, async () => {
      const { user, groupId, t } = await memberAndGroupWithTemplate();
      const asAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
      const key = { organizationId: acme.id, userId: user.id };
      let snapshotTaken = () => {};
      const snapshot = new Promise<void>((resolve) => (snapshotTaken = resolve));
      let addCommitted = () => {};
      const added = new Promise<void>((resolve) => (addCommitted = resolve));
      // The removal's snapshot predates the add: its delete of the user's group rows cannot see
      // the new row, so the add must make the removal fail (and retry), not slip past it.
      const removal = asAdmin.inTx(
        async (tx) => {
          await tx.getOrganizationMember(key);
          snapshotTaken();
          await added;
          await tx.deleteOrganizationMember(key);
        },
        { isolation },
      );
      await snapshot;
      await asAdmin.insertGroupMember({ groupId, userId: user.id });
      addCommitted();
      await removal;
      expect(await groupMemberIds(groupId)).toEqual([]);
      await expectNoGroupAfterReinvite(user, groupId, t);
    });
  }

  it('leaves no group row when the removal commits between the add’s check and its insert', async () => {
    const { user, groupId, t } = await memberAndGroupWithTemplate();
    const subject = memberOf(admin.id, acme.id, ['organization-user-admin']);
    const key = { organizationId: acme.id, userId: user.id };
    const racing = interleaved(createRawStore(database.db), async (insert) => {
      await store.as(subject).deleteOrganizationMember(key);
      return insert();
    });
    const asAdmin = createAuthorizedStore(racing).as(subject);
    const refused = await asAdmin.insertGroupMember({ groupId, userId: user.id }).then(
      () => expect.fail('the removed member was added'),
      (error: unknown) => error,
    );
    const nonMember = (await nonMemberAddError(store.as(subject), groupId)) as Error;
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'userId' });
    expect((refused as Error).message).toBe(nonMember.message);
    expect(await groupMemberIds(groupId)).toEqual([]);
    await expectNoGroupAfterReinvite(user, groupId, t);
  });

  it('leaves no group row when the removal has run but not committed when the insert runs', async () => {
    const { user, groupId, t } = await memberAndGroupWithTemplate();
    const subject = memberOf(admin.id, acme.id, ['organization-user-admin']);
    const raw = createRawStore(database.db);
    const key = { organizationId: acme.id, userId: user.id };
    const racing = interleaved(raw, async (insert) => {
      let commit = () => {};
      const released = new Promise<void>((resolve) => (commit = resolve));
      let ran = () => {};
      const removed = new Promise<void>((resolve) => (ran = resolve));
      // Membership and group rows deleted, the transaction held open until the insert ran.
      const removal = raw.inTx(async (tx) => {
        await tx.deleteOrganizationMember(key);
        ran();
        await released;
      });
      await removed;
      const added = insert();
      await settledOrBlocked(added, 'with "member" as (update "organization_members"');
      commit();
      await removal;
      return added;
    });
    const asAdmin = createAuthorizedStore(racing).as(subject);
    await expect(asAdmin.insertGroupMember({ groupId, userId: user.id })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'userId',
    });
    expect(await groupMemberIds(groupId)).toEqual([]);
    await expectNoGroupAfterReinvite(user, groupId, t);
  });

  it('leaves no group row when the add has inserted but not committed when the removal runs', async () => {
    const { user, groupId, t } = await memberAndGroupWithTemplate();
    const asAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
    let commit = () => {};
    const released = new Promise<void>((resolve) => (commit = resolve));
    let ran = () => {};
    const inserted = new Promise<void>((resolve) => (ran = resolve));
    // The group row written, the transaction held open until the removal ran.
    const add = asAdmin.inTx(async (tx) => {
      await tx.insertGroupMember({ groupId, userId: user.id });
      ran();
      await released;
    });
    await inserted;
    const removal = asAdmin.deleteOrganizationMember({ organizationId: acme.id, userId: user.id });
    await settledOrBlocked(removal, 'delete from "organization_members"');
    commit();
    await add;
    await removal;
    expect(await groupMemberIds(groupId)).toEqual([]);
    await expectNoGroupAfterReinvite(user, groupId, t);
  });
});

describe('subject loading', () => {
  it('ignores a group membership left behind in an org the user is no longer in', async () => {
    const { user, groupId, t } = await groupMemberWithTemplate();
    // The membership goes, its group row stays (written before removals cleaned up, or directly).
    await database.db
      .delete(organizationMembers)
      .where(
        and(
          eq(organizationMembers.organizationId, acme.id),
          eq(organizationMembers.userId, user.id),
        ),
      );
    const left = await buildSubject(store, user.id);
    expect(left.groups).toEqual([]);
    await expect(store.as(left).getTemplateById({ id: t.id })).rejects.toBeForbidden();
    const stranger = await createUser(database.db);
    const lone = await createOrganization(database.db);
    await createMember(database.db, { userId: stranger.id, organizationId: lone.id });
    await createGroupMember(database.db, { groupId, userId: stranger.id });
    const subject = await buildSubject(store, stranger.id);
    expect(subject.groups).not.toContain(groupId);
    expect(subject.groups).toEqual([lone.id]);
    await expect(store.as(subject).getTemplateById({ id: t.id })).rejects.toBeForbidden();
  });
});

describe('deleting a membership', () => {
  it('is checked as unassigning every stored role (no strip by delete and re-add)', async () => {
    const boss = await createUser(database.db);
    await createMember(database.db, {
      userId: boss.id,
      organizationId: acme.id,
      roles: ['organization-admin'],
    });
    const asUserAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
    const key = { organizationId: acme.id, userId: boss.id };
    await expect(asUserAdmin.deleteOrganizationMember(key)).rejects.toBeForbidden();
    const raw = createRawStore(database.db);
    expect((await raw.getOrganizationMember(key)).roles).toEqual(['organization-admin']);
    const plain = await createUser(database.db);
    await createMember(database.db, {
      userId: plain.id,
      organizationId: acme.id,
      roles: ['organization-workspace-access'],
    });
    const plainKey = { organizationId: acme.id, userId: plain.id };
    await asUserAdmin.deleteOrganizationMember(plainKey);
    await expect(raw.getOrganizationMember(plainKey)).rejects.toMatchObject({ code: 'not_found' });
  });
});
