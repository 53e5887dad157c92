import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { organizationMembers } from '../../db/schema/index.ts';
import type { Organization, Template, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
} from '../support/factories/index.ts';
import { expectForbidden, memberOf } from '../support/subjects.ts';

// Removing someone from an organization revokes what they held there through groups: their group
// memberships in that org go with the membership, and a group row left behind grants nothing.

let database: TestDatabase;
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

const groupMemberIds = async (groupId: string) =>
  (await createRawStore(database.db).listGroupMembers({ groupId, limit: 1000 })).map(
    (m) => m.userId,
  );

beforeAll(async () => {
  database = await useTestDatabase();
  store = createAuthorizedStore(createRawStore(database.db));
  acme = await createOrganization(database.db);
  admin = await createUser(database.db);
  await createMember(database.db, { userId: admin.id, organizationId: acme.id });
});
afterAll(() => database.close());

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
    await expectForbidden(store.as(again).getTemplateById({ id: t.id }));
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
    await expectForbidden(store.as(left).getTemplateById({ id: t.id }));
    const stranger = await createUser(database.db);
    const lone = await createOrganization(database.db);
    await createMember(database.db, { userId: stranger.id, organizationId: lone.id });
    await createGroupMember(database.db, { groupId, userId: stranger.id });
    const subject = await buildSubject(store, stranger.id);
    expect(subject.groups).not.toContain(groupId);
    expect(subject.groups).toEqual([lone.id]);
    await expectForbidden(store.as(subject).getTemplateById({ id: t.id }));
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
    await expectForbidden(asUserAdmin.deleteOrganizationMember(key));
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
