import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, Template, User, Workspace } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { PREBUILDS_USER_ID } from '../../src/dbauthz/system-actors/system-actors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createAgentPlacement,
  createBoundaryLog,
  createBoundarySession,
  createBuild,
  createConnectionLog,
  createMember,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';

// Attacks on the system actors: each may do its job and nothing else (Coder's least privilege,
// stricter where noted in the README).

const database = databaseForFile();
let store: AuthorizedStore;
let org: Organization;
let template: Template;
let alice: User;

/** A workspace of `ownerId` in the org, from the shared template. */
const workspaceOf = (ownerId: string, extra: Partial<Workspace> = {}) =>
  createWorkspace(database.db, {
    ownerId,
    organizationId: org.id,
    templateId: template.id,
    ...extra,
  });

/** A stop build of `workspaceId` by the prebuilds user, on a new job, as a store input. */
const stopInput = async (workspaceId: string) => {
  const latest = await createBuild(database.db, { workspaceId });
  const job = await createProvisionerJob(database.db, {
    organizationId: org.id,
    initiatorId: PREBUILDS_USER_ID,
    type: 'workspace_build',
  });
  return {
    workspaceId,
    templateVersionId: latest.templateVersionId,
    transition: 'stop' as const,
    initiatorId: PREBUILDS_USER_ID,
    jobId: job.id,
  };
};

/** The workspace as stored now (deleted rows included), read with the raw store. */
const stored = (id: string) => createRawStore(database.db).getWorkspaceById({ id });

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  org = await createOrganization(database.db, { name: 'acme' });
  template = await createTemplate(database.db, { organizationId: org.id, name: 'docker' });
  alice = await createUser(database.db, { username: 'alice' });
  await createMember(database.db, { userId: alice.id, organizationId: org.id });
  // The prebuilds system user is a member of every org it keeps prebuilds in (a workspace's
  // owner must be a member of its org); the restricted system actor adds it.
  await store
    .asSystemRestricted()
    .insertOrganizationMember({ organizationId: org.id, userId: PREBUILDS_USER_ID });
});

describe('asWorkspaceBuilder builds; it does not administer', () => {
  it("cannot soft-delete, rename, stop or create a member's workspace", async () => {
    const workspace = await workspaceOf(alice.id);
    const builder = store.asWorkspaceBuilder();
    await expect(builder.softDeleteWorkspace({ id: workspace.id })).rejects.toBeForbidden();
    await expect(
      builder.updateWorkspace({ id: workspace.id, name: 'pwned' }),
    ).rejects.toBeForbidden();
    await expect(
      builder.insertWorkspace({
        ownerId: alice.id,
        organizationId: org.id,
        templateId: template.id,
        name: 'planted',
      }),
    ).rejects.toBeForbidden();
    expect(await stored(workspace.id)).toMatchObject({ deleted: false, name: workspace.name });
  });

  it('cannot rename a template or change its metadata (no template update)', async () => {
    await expect(
      store.asWorkspaceBuilder().updateTemplateMeta({ id: template.id, name: 'renamed' }),
    ).rejects.toBeForbidden();
    await expect(
      store.asProvisionerd().updateTemplateMeta({ id: template.id, name: 'renamed' }),
    ).rejects.toBeForbidden();
    const raw = createRawStore(database.db);
    expect((await raw.getTemplateById({ id: template.id })).name).toBe('docker');
  });

  it('still reads provisioner state, as the provisioner daemon does', async () => {
    const workspace = await workspaceOf(alice.id);
    const state = Buffer.from('terraform-state');
    const build = await createBuild(database.db, {
      workspaceId: workspace.id,
      provisionerState: state,
    });
    for (const actor of [store.asWorkspaceBuilder(), store.asProvisionerd()]) {
      const read = await actor.getProvisionerStateByBuildId({ id: build.id });
      expect(read.provisionerState).toEqual(state);
    }
    await expect(
      store.asAutostart().getProvisionerStateByBuildId({ id: build.id }),
    ).rejects.toBeForbidden();
  });
});

describe('asPrebuildsOrchestrator acts only on workspaces the prebuilds user owns', () => {
  it("cannot rename, stop or delete a human's workspace", async () => {
    const workspace = await workspaceOf(alice.id);
    const orchestrator = store.asPrebuildsOrchestrator();
    await expect(
      orchestrator.updateWorkspace({ id: workspace.id, name: 'pwned' }),
    ).rejects.toBeForbidden();
    await expect(
      orchestrator.updateWorkspaceDormantAt({ id: workspace.id, dormantAt: new Date() }),
    ).rejects.toBeForbidden();
    await expect(orchestrator.softDeleteWorkspace({ id: workspace.id })).rejects.toBeForbidden();
    await expect(
      orchestrator.insertWorkspaceBuild(await stopInput(workspace.id)),
    ).rejects.toBeForbidden();
    expect(await stored(workspace.id)).toMatchObject({
      deleted: false,
      name: workspace.name,
      dormantAt: null,
    });
  });

  it('cannot create a workspace for a human, only for the prebuilds user', async () => {
    const orchestrator = store.asPrebuildsOrchestrator();
    const input = { organizationId: org.id, templateId: template.id };
    await expect(
      orchestrator.insertWorkspace({ ...input, ownerId: alice.id, name: 'planted' }),
    ).rejects.toBeForbidden();
    const prebuild = await orchestrator.insertWorkspace({
      ...input,
      ownerId: PREBUILDS_USER_ID,
      name: `prebuild-${randomUUID().slice(0, 8)}`,
    });
    expect(prebuild.ownerId).toBe(PREBUILDS_USER_ID);
  });

  it('renames, stops and deletes its own prebuild, and loses it once claimed', async () => {
    const orchestrator = store.asPrebuildsOrchestrator();
    const prebuild = await workspaceOf(PREBUILDS_USER_ID);
    await orchestrator.updateWorkspace({ id: prebuild.id, name: 'pb-renamed' });
    const stop = await orchestrator.insertWorkspaceBuild(await stopInput(prebuild.id));
    expect(stop.transition).toBe('stop');
    const claimed = await workspaceOf(PREBUILDS_USER_ID);
    await createRawStore(database.db).claimPrebuiltWorkspace({
      id: claimed.id,
      newOwnerId: alice.id,
      name: 'alices-now',
    });
    await expect(orchestrator.softDeleteWorkspace({ id: claimed.id })).rejects.toBeForbidden();
    await orchestrator.softDeleteWorkspace({ id: prebuild.id });
    expect(await stored(prebuild.id)).toMatchObject({ deleted: true, name: 'pb-renamed' });
    expect(await stored(claimed.id)).toMatchObject({ deleted: false, ownerId: alice.id });
  });
});

describe('asDBPurge deletes old rows and reads nothing', () => {
  it('cannot list or count boundary or connection logs, yet purges the old ones', async () => {
    const placement = await createAgentPlacement(database.db);
    const old = new Date('2020-01-01T00:00:00Z');
    await createBoundaryLog(database.db, placement, { time: old });
    await createConnectionLog(database.db, placement, { connectTime: old });
    const purge = store.asDBPurge();
    expect(await purge.listBoundaryLogs({})).toEqual([]);
    expect(await purge.countBoundaryLogs({})).toBe(0);
    expect(await purge.listConnectionLogs({})).toEqual([]);
    expect(await purge.countConnectionLogs({})).toBe(0);
    const cutoff = new Date('2021-01-01T00:00:00Z');
    expect(await purge.deleteBoundaryLogsOlderThan({ before: cutoff })).toBe(1);
    expect(await purge.deleteConnectionLogsOlderThan({ before: cutoff })).toBe(1);
  });

  it('purges old boundary sessions, which no other system actor may', async () => {
    await createBoundarySession(database.db, await createAgentPlacement(database.db));
    const later = { before: new Date(Date.now() + 86_400_000) };
    for (const other of [store.asSystemRestricted(), store.asBoundaryUsageTracker()]) {
      await expect(other.deleteBoundarySessionsOlderThan(later)).rejects.toBeForbidden();
    }
    expect(await store.asDBPurge().deleteBoundarySessionsOlderThan(later)).toBeGreaterThan(0);
    expect(await store.asDBPurge().deleteBoundarySessionsOlderThan(later)).toBe(0);
  });
});

describe('asSystemRestricted adds the prebuilds system user to an organization', () => {
  it('adds the prebuilds user, and no other user', async () => {
    const target = await createOrganization(database.db);
    const bob = await createUser(database.db);
    const restricted = store.asSystemRestricted();
    await expect(
      restricted.insertOrganizationMember({ organizationId: target.id, userId: bob.id }),
    ).rejects.toBeForbidden();
    const member = await restricted.insertOrganizationMember({
      organizationId: target.id,
      userId: PREBUILDS_USER_ID,
    });
    expect(member).toMatchObject({ organizationId: target.id, userId: PREBUILDS_USER_ID });
    const raw = createRawStore(database.db);
    await expect(
      raw.getOrganizationMember({ organizationId: target.id, userId: bob.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
    for (const actor of [store.asPrebuildsOrchestrator(), store.asWorkspaceBuilder()]) {
      const other = await createOrganization(database.db);
      await expect(
        actor.insertOrganizationMember({ organizationId: other.id, userId: PREBUILDS_USER_ID }),
      ).rejects.toBeForbidden();
    }
  });
});
