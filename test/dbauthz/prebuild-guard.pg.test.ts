import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User, Workspace } from '../../db/types.ts';
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

// A write on a workspace is guarded by "the actor may do it to the row as a workspace, or, for a
// row the prebuilds user owns, as a prebuilt workspace". For a plain member the prebuilt form
// grants only through the ACL, which the workspace form reads too: that arm adds no row, so the
// guard leaves it out (one arm less to render and plan per write). A template admin's prebuilt
// grants are its own, and its guard keeps the arm.

const database = databaseForFile();
let client: postgres.Sql;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let tina: User;
let alicesWorkspace: Workspace;
let prebuilt: Workspace;
/** The parameters of every statement the store sent. */
const sent: unknown[][] = [];

beforeAll(async () => {
  client = postgres(database.url, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, _query, parameters) => {
      sent.push([...(parameters as unknown[])]);
    },
  });
  store = createAuthorizedStore(createRawStore(createDatabase(client)));
  const db = database.db;
  acme = await createOrganization(db);
  alice = await createUser(db);
  tina = await createUser(db);
  await createMember(db, { organizationId: acme.id, userId: alice.id });
  await createMember(db, { organizationId: acme.id, userId: tina.id });
  const template = await createTemplate(db, { organizationId: acme.id });
  alicesWorkspace = await createWorkspace(db, {
    ownerId: alice.id,
    organizationId: acme.id,
    templateId: template.id,
  });
  prebuilt = await createWorkspace(db, {
    ownerId: PREBUILDS_USER_ID,
    organizationId: acme.id,
    templateId: template.id,
  });
});
afterAll(async () => {
  await client?.end({ timeout: 5 });
});

/** The parameters of the statements `fn` sent. */
async function parametersOf(fn: () => Promise<unknown>) {
  const from = sent.length;
  await fn();
  return sent.slice(from).flat();
}

describe('the guard of a workspace write', () => {
  it("leaves the prebuilt arm out of a plain member's guard, and still updates her workspace", async () => {
    const asAlice = store.as(memberOf(alice.id, acme.id, ['organization-workspace-access']));
    const parameters = await parametersOf(() =>
      asAlice.updateWorkspace({ id: alicesWorkspace.id, autostartSchedule: 'member' }),
    );
    expect(parameters).not.toContain(PREBUILDS_USER_ID);
    expect((await asAlice.getWorkspaceById({ id: alicesWorkspace.id })).autostartSchedule).toBe(
      'member',
    );
    await expect(
      asAlice.updateWorkspace({ id: prebuilt.id, autostartSchedule: 'not hers' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("keeps it in a template admin's guard, whose prebuilt grants are its own", async () => {
    const asTina = store.as(memberOf(tina.id, acme.id, ['organization-template-admin']));
    const parameters = await parametersOf(() =>
      asTina.updateWorkspace({ id: prebuilt.id, autostartSchedule: 'admin' }),
    );
    expect(parameters).toContain(PREBUILDS_USER_ID);
    const [row] = await database.client`
      SELECT autostart_schedule FROM workspaces WHERE id = ${prebuilt.id}`;
    expect(row?.autostart_schedule).toBe('admin');
  });
});
