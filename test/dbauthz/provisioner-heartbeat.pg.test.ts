import { beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionerDaemon } from '../../db/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createProvisionerDaemon } from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

const database = databaseForFile();
let world: WorkspaceWorld;

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
});

/** A fresh daemon in acme, never seen; user-scoped to `owner` when given. */
const daemon = (owner?: string) =>
  createProvisionerDaemon(database.db, {
    organizationId: world.acme.id,
    lastSeenAt: null,
    tags: owner === undefined ? {} : { scope: 'user', owner },
  });
const lastSeen = async (d: ProvisionerDaemon) =>
  (
    await world.raw.getProvisionerDaemonByOrganizationAndName({
      organizationId: d.organizationId,
      name: d.name,
      owner: d.tags.owner,
    })
  ).lastSeenAt;
const at = new Date('2026-06-01T08:00:00Z');

describe('updateProvisionerDaemonLastSeenAt: the daemon heartbeat (update on the daemon)', () => {
  it('is sent by the provisioner daemon actor for an org daemon, never backwards', async () => {
    const d = await daemon();
    const store = world.store.asProvisionerd();
    expect(
      (await store.updateProvisionerDaemonLastSeenAt({ id: d.id, lastSeenAt: at })).lastSeenAt,
    ).toEqual(at);
    const older = new Date(at.getTime() - 60_000);
    const kept = await store.updateProvisionerDaemonLastSeenAt({ id: d.id, lastSeenAt: older });
    expect(kept.lastSeenAt).toEqual(at);
    expect(await lastSeen(d)).toEqual(at);
  });

  it('is sent by the owner of a user-scoped daemon for their own daemon only', async () => {
    const alices = await daemon(world.users.alice.id);
    const bobs = await daemon(world.users.bob.id);
    const asAlice = world.store.as(world.subject('alice'));
    const seen = await asAlice.updateProvisionerDaemonLastSeenAt({ id: alices.id, lastSeenAt: at });
    expect(seen.lastSeenAt).toEqual(at);
    await denied(asAlice.updateProvisionerDaemonLastSeenAt({ id: bobs.id, lastSeenAt: at }));
    expect(await lastSeen(bobs)).toBeNull();
  });

  it('is refused to a member for an org-wide daemon, and to another org', async () => {
    const d = await daemon();
    const input = { id: d.id, lastSeenAt: at };
    await denied(world.store.as(world.subject('alice')).updateProvisionerDaemonLastSeenAt(input));
    await denied(world.store.as(world.subject('dave')).updateProvisionerDaemonLastSeenAt(input));
    await denied(world.store.asWorkspaceBuilder().updateProvisionerDaemonLastSeenAt(input));
    expect(await lastSeen(d)).toBeNull();
    // An org template admin runs daemons (update on provisioner_daemon in the org).
    await world.store.as(world.subject('tina')).updateProvisionerDaemonLastSeenAt(input);
    expect(await lastSeen(d)).toEqual(at);
  });

  it('is the same denial for a daemon that does not exist', async () => {
    const input = { id: '00000000-0000-4000-8000-00000000d43d', lastSeenAt: at };
    expect(
      await denied(world.store.asProvisionerd().updateProvisionerDaemonLastSeenAt(input)),
    ).toBe('not_found');
  });
});
