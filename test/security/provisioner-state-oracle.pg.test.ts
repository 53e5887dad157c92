import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
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

// Attack: a denied provisioner-state read of an existing build did three lookups (build,
// workspace, template) before refusing, a missing build one: the work (and so the time) told
// whether a build id exists. The check now loads what it needs in ONE statement that never
// touches the state, whether the build exists or not, and the state is read afterwards in one
// more statement only when allowed. Shown by counting statements, not by timing.

const database = databaseForFile();
let counted: postgres.Sql;
let statements = 0;
let store: AuthorizedStore;
let buildId: string;
let orgId: string;
let strangerId: string;
let adminId: string;
const state = Buffer.from('{"version":4,"resources":[]}');

/** How many statements reach PostgreSQL while `run` settles (its result or error is ignored). */
async function statementsOf(run: () => Promise<unknown>): Promise<number> {
  const before = statements;
  await run().catch(() => undefined);
  return statements - before;
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
  const org = await createOrganization(database.db);
  const owner = await createUser(database.db);
  const stranger = await createUser(database.db);
  const admin = await createUser(database.db);
  for (const user of [owner, stranger, admin]) {
    await createMember(database.db, { organizationId: org.id, userId: user.id });
  }
  const template = await createTemplate(database.db, { organizationId: org.id });
  const workspace = await createWorkspace(database.db, {
    organizationId: org.id,
    ownerId: owner.id,
    templateId: template.id,
  });
  buildId = (await createBuild(database.db, { workspaceId: workspace.id, provisionerState: state }))
    .id;
  orgId = org.id;
  strangerId = stranger.id;
  adminId = admin.id;
});
afterAll(async () => {
  await counted.end();
});

describe('getProvisionerStateByBuildId', () => {
  it('costs a denied reader the same statements for an existing build as for a missing one', async () => {
    const asStranger = store.as(memberOf(strangerId, orgId));
    const missing = '00000000-0000-4000-8000-00000000dead';
    await expect(asStranger.getProvisionerStateByBuildId({ id: buildId })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(asStranger.getProvisionerStateByBuildId({ id: missing })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const existing = await statementsOf(() =>
      asStranger.getProvisionerStateByBuildId({ id: buildId }),
    );
    const absent = await statementsOf(() =>
      asStranger.getProvisionerStateByBuildId({ id: missing }),
    );
    expect([existing, absent]).toEqual([1, 1]);
  });

  it('reads the state in one more statement when allowed', async () => {
    const asAdmin = store.as(memberOf(adminId, orgId, ['organization-template-admin']));
    let read: { provisionerState: Buffer | null } | undefined;
    const count = await statementsOf(async () => {
      read = await asAdmin.getProvisionerStateByBuildId({ id: buildId });
    });
    expect(read?.provisionerState).toEqual(state);
    expect(count).toBe(2);
  });
});
