import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import type { Group, Organization, User } from '../../db/types.ts';
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

// Attack: an admin of another org lists the members of a group id. Both an existing group of an
// org they are not in and a made-up id answer [] — but the existing one used to cost three
// statements and the made-up one one, so counting (or timing) told which group ids exist.

const database = databaseForFile();
let counted: postgres.Sql;
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let group: Group;
let eve: User;
let statements = 0;

/** How many statements `run` sent to PostgreSQL, with its answer. */
async function cost(run: () => Promise<unknown>): Promise<[number, unknown]> {
  const before = statements;
  const answer = await run();
  return [statements - before, answer];
}

beforeAll(async () => {
  counted = postgres(database.url, {
    max: 1,
    onnotice: () => {},
    debug: () => {
      statements += 1;
    },
  });
  store = createAuthorizedStore(createRawStore(createDatabase(counted)));
  await counted`select 1`; // the connection's own setup (array types) is not the store's cost
  acme = await createOrganization(database.db);
  globex = await createOrganization(database.db);
  const alice = await createUser(database.db);
  eve = await createUser(database.db);
  await createMember(database.db, { organizationId: acme.id, userId: alice.id });
  await createMember(database.db, { organizationId: globex.id, userId: eve.id });
  group = await createGroup(database.db, { organizationId: acme.id });
  await createGroupMember(database.db, { groupId: group.id, userId: alice.id });
});
afterAll(async () => {
  await counted.end();
});

describe("an outsider listing a group's members", () => {
  it('pays the same for an existing group of another org as for a made-up id', async () => {
    const asEve = store.as(memberOf(eve.id, globex.id, ['organization-admin']));
    const existing = await cost(() => asEve.listGroupMembers({ groupId: group.id }));
    const missing = await cost(() => asEve.listGroupMembers({ groupId: randomUUID() }));
    expect(existing).toEqual([1, []]);
    expect(missing).toEqual([1, []]);
    expect(await cost(() => asEve.countGroupMembers({ groupId: group.id }))).toEqual([1, 0]);
  });

  it('still lists the group to a member of its org who may read it', async () => {
    const admin = await createUser(database.db);
    await createMember(database.db, { organizationId: acme.id, userId: admin.id });
    const asAdmin = store.as(memberOf(admin.id, acme.id, ['organization-admin']));
    const rows = await asAdmin.listGroupMembers({ groupId: group.id });
    expect(rows.map((row) => row.groupId)).toEqual([group.id]);
  });
});
