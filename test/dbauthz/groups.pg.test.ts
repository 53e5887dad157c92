import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Group, Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { organizationMemberRole } from '../../src/rbac/org-roles.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let frontend: Group;
let backend: Group;
let alice: User;
let bob: User;
let carol: User;

/** A plain member of an org whose sharing is `none` (no org-wide member or group reads). */
const lockedDownMember = (user: User, groups: Group[]): Subject =>
  Object.freeze({
    id: user.id,
    roles: ['member', organizationMemberRole(acme.id, 'none')],
    groups: [...groups.map((g) => g.id), acme.id],
    scope: 'coder:all',
  });
const usernames = (rows: { username: string }[]) => rows.map((r) => r.username);

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db, { name: 'acme' });
  [alice, bob, carol] = (await Promise.all(
    ['alice', 'bob', 'carol'].map((username) => createUser(database.db, { username })),
  )) as [User, User, User];
  for (const user of [alice, bob, carol]) {
    await createMember(database.db, { organizationId: acme.id, userId: user.id });
  }
  frontend = await createGroup(database.db, { organizationId: acme.id, name: 'frontend' });
  backend = await createGroup(database.db, { organizationId: acme.id, name: 'backend' });
  await createGroupMember(database.db, { groupId: frontend.id, userId: alice.id });
  await createGroupMember(database.db, { groupId: frontend.id, userId: bob.id });
  await createGroupMember(database.db, { groupId: backend.id, userId: carol.id });
});

describe('groups through the authorized store', () => {
  it("lets a member read their own row of a group's members, not the others (as Coder)", async () => {
    const asAlice = store.as(lockedDownMember(alice, [frontend]));
    expect(usernames(await asAlice.listGroupMembers({ groupId: frontend.id }))).toEqual(['alice']);
    expect(await asAlice.countGroupMembers({ groupId: frontend.id })).toBe(1);
    // Another group: only rows she owns would show, and she is not in it.
    expect(await asAlice.listGroupMembers({ groupId: backend.id })).toEqual([]);
    expect(await asAlice.countGroupMembers({ groupId: backend.id })).toBe(0);
    // Everyone grants no extra read: under sharing `none` she sees only herself there.
    expect(usernames(await asAlice.listGroupMembers({ groupId: acme.id }))).toEqual(['alice']);
  });

  it('lets a member read their own groups (and Everyone) but not others', async () => {
    const asAlice = store.as(lockedDownMember(alice, [frontend]));
    expect((await asAlice.getGroupById({ id: frontend.id })).name).toBe('frontend');
    await expect(asAlice.getGroupById({ id: backend.id })).rejects.toBeForbidden();
    expect((await asAlice.listGroups({ organizationId: acme.id })).map((g) => g.name)).toEqual([
      'Everyone',
      'frontend',
    ]);
    expect((await asAlice.getGroupsOfUser({ userId: alice.id })).map((g) => g.name)).toEqual([
      'Everyone',
      'frontend',
    ]);
    await expect(asAlice.getGroupsOfUser({ userId: carol.id })).rejects.toBeForbidden();
  });

  it('lets an org user admin manage groups and members in its org; a member cannot', async () => {
    const asAlice = store.as(lockedDownMember(alice, [frontend]));
    await expect(
      asAlice.insertGroupMember({ groupId: frontend.id, userId: carol.id }),
    ).rejects.toBeForbidden();
    await expect(
      asAlice.insertGroup({ organizationId: acme.id, name: 'mine' }),
    ).rejects.toBeForbidden();
    const admin = store.as(
      Object.freeze({
        id: bob.id,
        roles: [
          'member',
          { name: 'organization-member', org: acme.id },
          { name: 'organization-user-admin', org: acme.id },
        ],
        groups: [],
        scope: 'coder:all',
      }),
    );
    const ops = await admin.insertGroup({ organizationId: acme.id, name: 'ops' });
    await admin.insertGroupMember({ groupId: ops.id, userId: carol.id });
    expect(usernames(await admin.listGroupMembers({ groupId: ops.id }))).toEqual(['carol']);
    expect(usernames(await admin.listGroupMembers({ groupId: acme.id }))).toEqual([
      'alice',
      'bob',
      'carol',
    ]);
    await admin.deleteGroupMember({ groupId: ops.id, userId: carol.id });
    await admin.deleteGroup({ id: ops.id });
    expect((await raw.listGroups({ organizationId: acme.id })).map((g) => g.name)).toEqual([
      'Everyone',
      'backend',
      'frontend',
    ]);
  });
});
