import { beforeAll, describe, expect, it } from 'vitest';
import { databaseForFile } from '../support/database-fixture.ts';
import { createProvisionerDaemon } from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

const database = databaseForFile();
let world: WorkspaceWorld;

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
});

const jobInput = () => ({
  organizationId: world.acme.id,
  initiatorId: world.users.alice.id,
  type: 'workspace_build' as const,
});
const daemonNames = async (organizationId: string) =>
  (await world.raw.listProvisionerDaemons({ organizationId })).map((d) => d.name).sort();

describe('provisioner jobs', () => {
  it('are created by the builder (or an org template admin), not by a member', async () => {
    await denied(world.store.as(world.subject('alice')).insertProvisionerJob(jobInput()));
    const job = await world.store.asWorkspaceBuilder().insertProvisionerJob(jobInput());
    expect(job).toMatchObject({ status: 'pending', organizationId: world.acme.id });
    // A template admin starts jobs under her own name only.
    await denied(world.store.as(world.subject('tina')).insertProvisionerJob(jobInput()));
    const byTina = { ...jobInput(), initiatorId: world.users.tina.id };
    await world.store.as(world.subject('tina')).insertProvisionerJob(byTina);
    await denied(world.store.as(world.subject('dave')).getProvisionerJobById({ id: job.id }));
    const asTina = world.store.as(world.subject('tina'));
    expect((await asTina.getProvisionerJobById({ id: job.id })).id).toBe(job.id);
  });

  it('are acquired and completed by the provisioner daemon, never by a member', async () => {
    const daemon = await createProvisionerDaemon(database.db, {
      organizationId: world.acme.id,
      name: 'worker',
    });
    const acquire = {
      organizationId: world.acme.id,
      workerId: daemon.id,
      provisioners: ['terraform'],
    };
    await denied(world.store.as(world.subject('alice')).acquireProvisionerJob(acquire));
    const provisionerd = world.store.asProvisionerd();
    const job = await provisionerd.acquireProvisionerJob(acquire);
    expect(job).toMatchObject({ status: 'running', workerId: daemon.id });
    await denied(world.store.as(world.subject('alice')).completeProvisionerJob({ id: job!.id }));
    expect((await provisionerd.completeProvisionerJob({ id: job!.id })).status).toBe('succeeded');
  });
});

describe('provisioner daemons', () => {
  it('are registered by the daemon actor; a member registers only a user-scoped one of their own', async () => {
    const org = world.acme.id;
    const before = await daemonNames(org);
    await world.store
      .asProvisionerd()
      .upsertProvisionerDaemon({ organizationId: org, name: 'shared' });
    const asAlice = world.store.as(world.subject('alice'));
    await denied(asAlice.upsertProvisionerDaemon({ organizationId: org, name: 'org-wide' }));
    const forBob = { scope: 'user', owner: world.users.bob.id };
    await denied(
      asAlice.upsertProvisionerDaemon({ organizationId: org, name: 'bobs', tags: forBob }),
    );
    const mine = { scope: 'user', owner: world.users.alice.id };
    await asAlice.upsertProvisionerDaemon({ organizationId: org, name: 'alices', tags: mine });
    expect(await daemonNames(org)).toEqual([...before, 'alices', 'shared'].sort());
  });

  it('are listed to members of their org only', async () => {
    await createProvisionerDaemon(database.db, { organizationId: world.globex.id, name: 'g1' });
    // Its own acme daemon, so the test does not depend on daemons earlier tests registered.
    await createProvisionerDaemon(database.db, { organizationId: world.acme.id, name: 'a-listed' });
    const listed = async (who: 'alice' | 'dave') =>
      (await world.store.as(world.subject(who)).listProvisionerDaemons({}))
        .map((d) => d.name)
        .sort();
    expect(await listed('dave')).toEqual(['g1']);
    const acme = await daemonNames(world.acme.id);
    expect(acme).toContain('a-listed');
    expect(await listed('alice')).toEqual(acme);
  });
});
