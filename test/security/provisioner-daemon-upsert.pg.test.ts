import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization, createUser } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Attack: upsertProvisionerDaemon checked the daemon of that org and name, then upserted in a
// second statement. An org-wide daemon registered between the two was overwritten by a member's
// user-scoped registration: the member took over an org-wide daemon (its tags now said it was
// theirs). The condition now rides in the upsert itself (ON CONFLICT ... DO UPDATE ... WHERE):
// the existing row is updated only if the actor may update it, or create it as it stands.
// Daemons are unique per org, name and owner key (the `owner` tag, as in Coder), so the row a
// member's registration meets is one whose `owner` tag names them: here an org-wide daemon (no
// user scope) carrying that tag, which the member must not take over either.

const database = databaseForFile();
let raw: RawStore;
let org: Organization;
let alice: User;

const tagsOf = async (name: string, owner?: string) =>
  (await raw.getProvisionerDaemonByOrganizationAndName({ organizationId: org.id, name, owner }))
    .tags;
/** Tags of an org-wide daemon (no user scope) that happen to name alice as owner. */
const orgWideNamingAlice = () => ({ owner: alice.id });
const asAlice = () => memberOf(alice.id, org.id, ['organization-workspace-access']);
const aliceDaemon = (name: string) => ({
  organizationId: org.id,
  name,
  tags: { scope: 'user', owner: alice.id },
});

/** A raw store where an org-wide daemon of alice's key registers just before each upsert runs. */
function racingRaw(name: string): RawStore {
  return new Proxy(raw, {
    get(target, key, receiver) {
      if (key !== 'upsertProvisionerDaemon') return Reflect.get(target, key, receiver);
      return async (...args: Parameters<RawStore['upsertProvisionerDaemon']>) => {
        await raw.upsertProvisionerDaemon({
          organizationId: org.id,
          name,
          tags: orgWideNamingAlice(),
        });
        return target.upsertProvisionerDaemon(...args);
      };
    },
  });
}

beforeAll(async () => {
  raw = createRawStore(database.db);
  org = await createOrganization(database.db);
  alice = await createUser(database.db);
  await createMember(database.db, { organizationId: org.id, userId: alice.id });
});

describe('upsertProvisionerDaemon', () => {
  it('cannot turn an org-wide daemon registered concurrently into a member’s', async () => {
    const store = createAuthorizedStore(racingRaw('racy'));
    await expect(
      store.as(asAlice()).upsertProvisionerDaemon(aliceDaemon('racy')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await tagsOf('racy', alice.id)).toEqual(orgWideNamingAlice());
  });

  it('refuses a member taking over an existing org-wide daemon', async () => {
    const tags = orgWideNamingAlice();
    await raw.upsertProvisionerDaemon({ organizationId: org.id, name: 'orgwide', tags });
    const store = createAuthorizedStore(raw);
    await expect(
      store.as(asAlice()).upsertProvisionerDaemon(aliceDaemon('orgwide')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await tagsOf('orgwide', alice.id)).toEqual(tags);
  });

  it('registers a member’s daemon beside an org-wide one of the same name, leaving it alone', async () => {
    const orgWide = await raw.upsertProvisionerDaemon({
      organizationId: org.id,
      name: 'fleet',
      tags: {},
    });
    const store = createAuthorizedStore(raw);
    const mine = await store.as(asAlice()).upsertProvisionerDaemon(aliceDaemon('fleet'));
    expect(mine.id).not.toBe(orgWide.id);
    expect(await tagsOf('fleet')).toEqual({});
  });

  it('lets a member register and refresh their own user-scoped daemon', async () => {
    const store = createAuthorizedStore(raw).as(asAlice());
    const first = await store.upsertProvisionerDaemon(aliceDaemon('mine'));
    const again = await store.upsertProvisionerDaemon({ ...aliceDaemon('mine'), version: 'v2' });
    expect([again.id, again.version, again.tags]).toEqual([
      first.id,
      'v2',
      { scope: 'user', owner: alice.id },
    ]);
  });
});
