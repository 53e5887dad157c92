import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, ProvisionerDaemon, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createMember,
  createOrganization,
  createProvisionerDaemon,
  createProvisionerJob,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Attack: acquireProvisionerJob recorded any `workerId`: an acme template admin acquired acme's
// job for a daemon of another org, and a made-up id answered `invalid_reference` where a real
// one of another org was accepted (an existence oracle for daemon ids). The worker must be a
// daemon of the job's org; any other id acquires nothing (`null`, as when no job waits) and the
// job stays pending.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let admin: User;
let foreignDaemon: ProvisionerDaemon;
let ownDaemon: ProvisionerDaemon;

const asAdmin = () => store.as(memberOf(admin.id, acme.id, ['organization-template-admin']));
const acquireFor = (workerId: string) =>
  asAdmin().acquireProvisionerJob({
    organizationId: acme.id,
    workerId,
    provisioners: ['terraform'],
  });

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db);
  const globex = await createOrganization(database.db);
  admin = await createUser(database.db);
  await createMember(database.db, { organizationId: acme.id, userId: admin.id });
  foreignDaemon = await createProvisionerDaemon(database.db, { organizationId: globex.id });
  ownDaemon = await createProvisionerDaemon(database.db, { organizationId: acme.id });
});

describe('acquireProvisionerJob', () => {
  it("acquires nothing for another org's daemon or a missing one, alike", async () => {
    const job = await createProvisionerJob(database.db, {
      organizationId: acme.id,
      initiatorId: admin.id,
    });
    expect(await acquireFor(foreignDaemon.id)).toBeNull();
    expect(await acquireFor('00000000-0000-4000-8000-00000000dead')).toBeNull();
    expect((await raw.getProvisionerJobById({ id: job.id })).status).toBe('pending');
    const acquired = await acquireFor(ownDaemon.id);
    expect([acquired?.id, acquired?.workerId, acquired?.status]).toEqual([
      job.id,
      ownDaemon.id,
      'running',
    ]);
  });
});
