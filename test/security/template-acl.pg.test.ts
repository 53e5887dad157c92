import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, Template, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createMember,
  createOrganization,
  createTemplate,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Template ACLs are bounded: only template actions, and only those the writer holds itself (as a
// workspace ACL update); `*` only for a writer that holds every template action.

const database = databaseForFile();
let store: AuthorizedStore;
let org: Organization;
let alice: User;
let bob: User;
let tina: User;

/** A template on which alice holds exactly `create`, through its user ACL. */
const aliceCreates = (): Promise<Template> =>
  createTemplate(database.db, { organizationId: org.id, userAcl: { [alice.id]: ['create'] } });

const storedAcl = async (id: string) =>
  (await createRawStore(database.db).getTemplateById({ id })).userAcl;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  org = await createOrganization(database.db);
  [alice, bob, tina] = [
    await createUser(database.db),
    await createUser(database.db),
    await createUser(database.db),
  ];
  for (const user of [alice, bob, tina]) {
    await createMember(database.db, { userId: user.id, organizationId: org.id });
  }
});

describe('updateTemplateAcl', () => {
  it('refuses a holder of create who grants itself the wildcard', async () => {
    const template = await aliceCreates();
    const asAlice = store.as(memberOf(alice.id, org.id));
    const grab = { id: template.id, userAcl: { [alice.id]: ['*'] }, groupAcl: {} };
    await expect(asAlice.updateTemplateAcl(grab)).rejects.toBeForbidden();
    expect(await storedAcl(template.id)).toEqual({ [alice.id]: ['create'] });
  });

  it('refuses a grant of any action the writer does not hold', async () => {
    const template = await aliceCreates();
    const asAlice = store.as(memberOf(alice.id, org.id));
    await expect(
      asAlice.updateTemplateAcl({
        id: template.id,
        userAcl: { [bob.id]: ['read', 'delete'] },
        groupAcl: {},
      }),
    ).rejects.toBeForbidden();
    await expect(
      asAlice.updateTemplateAcl({ id: template.id, userAcl: {}, groupAcl: { [org.id]: ['use'] } }),
    ).rejects.toBeForbidden();
    expect(await storedAcl(template.id)).toEqual({ [alice.id]: ['create'] });
    const handed = await asAlice.updateTemplateAcl({
      id: template.id,
      userAcl: { [alice.id]: ['create'], [bob.id]: ['create'] },
      groupAcl: {},
    });
    expect(handed.userAcl).toEqual({ [alice.id]: ['create'], [bob.id]: ['create'] });
  });

  it('accepts only template actions, and the wildcard from a holder of all of them', async () => {
    const template = await aliceCreates();
    const asTina = store.as(memberOf(tina.id, org.id, ['organization-template-admin']));
    await expect(
      asTina.updateTemplateAcl({ id: template.id, userAcl: { [bob.id]: ['ssh'] }, groupAcl: {} }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: `userAcl.${bob.id}` });
    const all = await asTina.updateTemplateAcl({
      id: template.id,
      userAcl: { [bob.id]: ['*'] },
      groupAcl: { [org.id]: ['read', 'use'] },
    });
    expect(all.userAcl).toEqual({ [bob.id]: ['*'] });
  });
});
