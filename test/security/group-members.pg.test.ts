import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// A group's member list shows a plain member their own row only (as Coder's group_member object,
// which has no ACL); readers of the org's group members see all. A missing group and a group the
// actor may not see answer alike.

const database = databaseForFile();
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let carol: User;
let erin: User;
let devs: string;
let foreign: string;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  acme = await createOrganization(database.db);
  globex = await createOrganization(database.db);
  [carol, erin] = [await createUser(database.db), await createUser(database.db)];
  devs = (await createGroup(database.db, { organizationId: acme.id })).id;
  for (const user of [carol, erin]) {
    await createMember(database.db, { userId: user.id, organizationId: acme.id });
    await createGroupMember(database.db, { groupId: devs, userId: user.id });
  }
  const stranger = await createUser(database.db);
  await createMember(database.db, { userId: stranger.id, organizationId: globex.id });
  foreign = (await createGroup(database.db, { organizationId: globex.id })).id;
  await createGroupMember(database.db, { groupId: foreign, userId: stranger.id });
});

const memberIds = async (s: ReturnType<AuthorizedStore['as']>, groupId: string) =>
  (await s.listGroupMembers({ groupId })).map((m) => m.userId).sort();

describe('listGroupMembers / countGroupMembers', () => {
  it('show a plain member of the group only their own row', async () => {
    const asCarol = store.as(memberOf(carol.id, acme.id, [], { groups: [devs] }));
    expect(await memberIds(asCarol, devs)).toEqual([carol.id]);
    expect(await asCarol.countGroupMembers({ groupId: devs })).toBe(1);
  });

  it('show every member to a reader of the org group members', async () => {
    const admin = await createUser(database.db);
    const asUserAdmin = store.as(memberOf(admin.id, acme.id, ['organization-user-admin']));
    expect(await memberIds(asUserAdmin, devs)).toEqual([carol.id, erin.id].sort());
    expect(await asUserAdmin.countGroupMembers({ groupId: devs })).toBe(2);
  });

  it('answer a missing group as a group of another org: no rows, 0', async () => {
    const asCarol = store.as(memberOf(carol.id, acme.id, [], { groups: [devs] }));
    for (const groupId of [foreign, randomUUID()]) {
      expect(await asCarol.listGroupMembers({ groupId })).toEqual([]);
      expect(await asCarol.countGroupMembers({ groupId })).toBe(0);
    }
    const raw = createRawStore(database.db);
    expect(await raw.countGroupMembers({ groupId: foreign })).toBe(1);
  });
});
