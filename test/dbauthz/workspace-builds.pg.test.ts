import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Template, TemplateVersion, Workspace } from '../../db/types.ts';
import { PREBUILDS_USER_ID } from '../../src/dbauthz/system-actors/system-actors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createBuild,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createWorkspace,
} from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

const database = databaseForFile();
let world: WorkspaceWorld;
let aliceWs: Workspace;
let buildId: string;
const state = randomBytes(64 * 1024);
let strict: Template;
let oldVersion: TemplateVersion;

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
  const { acme, users } = world;
  aliceWs = await createWorkspace(database.db, {
    name: 'a-dev',
    ownerId: users.alice.id,
    organizationId: acme.id,
    templateId: world.template.id,
  });
  buildId = (await createBuild(database.db, { workspaceId: aliceWs.id, provisionerState: state }))
    .id;
  strict = await createTemplate(database.db, {
    organizationId: acme.id,
    requireActiveVersion: true,
    groupAcl: { [acme.id]: ['read', 'use'] },
  });
  oldVersion = await createTemplateVersion(database.db, {
    organizationId: acme.id,
    templateId: strict.id,
  });
});

/** A workspace of `owner` on `templateId` and a build input for it (a fresh job each time). */
async function buildFor(ownerId: string, templateId: string, extra: Partial<Workspace> = {}) {
  const workspace = await createWorkspace(database.db, {
    ownerId,
    organizationId: world.acme.id,
    templateId,
    ...extra,
  });
  const input = async (
    transition: 'start' | 'stop' | 'delete',
    templateVersionId?: string,
    initiatorId = ownerId,
  ) => {
    const job = await createProvisionerJob(database.db, {
      organizationId: world.acme.id,
      initiatorId,
      type: 'workspace_build',
    });
    const template = await world.raw.getTemplateById({ id: templateId });
    return {
      workspaceId: workspace.id,
      templateVersionId: templateVersionId ?? template.activeVersionId!,
      transition,
      initiatorId,
      jobId: job.id,
    };
  };
  return { workspace, input };
}
const buildCount = (workspaceId: string) =>
  world.raw.countWorkspaceBuildsByWorkspace({ workspaceId });

describe('provisioner state', () => {
  it('is hidden from the workspace owner, who still reads the build without it', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    await denied(asAlice.getProvisionerStateByBuildId({ id: buildId }));
    const build = await asAlice.getWorkspaceBuildById({ id: buildId });
    expect(build.workspaceId).toBe(aliceWs.id);
    expect(Object.keys(build)).not.toContain('provisionerState');
    await denied(world.store.as(world.subject('bob')).getWorkspaceBuildById({ id: buildId }));
  });

  it('is readable by a template admin and by the workspace builder', async () => {
    const asTina = world.store.as(world.subject('tina'));
    expect((await asTina.getProvisionerStateByBuildId({ id: buildId })).provisionerState).toEqual(
      state,
    );
    const builder = world.store.asWorkspaceBuilder();
    expect((await builder.getProvisionerStateByBuildId({ id: buildId })).provisionerState).toEqual(
      state,
    );
  });

  it('is written by the provisioner daemon, not by another member', async () => {
    const next = randomBytes(1024);
    await denied(
      world.store
        .as(world.subject('bob'))
        .updateProvisionerState({ id: buildId, provisionerState: next }),
    );
    await world.store
      .asProvisionerd()
      .updateProvisionerState({ id: buildId, provisionerState: next });
    const row = await world.raw.getProvisionerStateByBuildId({ id: buildId });
    expect(row.provisionerState).toEqual(next);
  });
});

describe('build transitions', () => {
  it('lets the owner, an org admin and autostart start a workspace, not another member', async () => {
    const { workspace, input } = await buildFor(world.users.alice.id, world.template.id);
    await denied(world.store.as(world.subject('bob')).insertWorkspaceBuild(await input('start')));
    expect(await buildCount(workspace.id)).toBe(0);
    await world.store.as(world.subject('alice')).insertWorkspaceBuild(await input('start'));
    // Another human builds under their own name (the initiator is the actor); autostart, a
    // system actor, names the owner.
    const byOscar = await input('stop', undefined, world.users.oscar.id);
    await world.store.as(world.subject('oscar')).insertWorkspaceBuild(byOscar);
    await world.store.asAutostart().insertWorkspaceBuild(await input('start'));
    const builds = await world.raw.listWorkspaceBuildsByWorkspace({ workspaceId: workspace.id });
    expect(builds.map((b) => [b.buildNumber, b.transition])).toEqual([
      [3, 'start'],
      [2, 'stop'],
      [1, 'start'],
    ]);
  });

  it('checks a dormant workspace as workspace_dormant: its owner may stop it but not start it', async () => {
    const { workspace, input } = await buildFor(world.users.alice.id, world.template.id, {
      dormantAt: new Date('2025-01-01T00:00:00Z'),
    });
    const asAlice = world.store.as(world.subject('alice'));
    await denied(asAlice.insertWorkspaceBuild(await input('start')));
    expect((await asAlice.insertWorkspaceBuild(await input('stop'))).transition).toBe('stop');
    expect(await buildCount(workspace.id)).toBe(1);
  });

  it('lets autostart stop a dormant workspace but never start it', async () => {
    const { workspace, input } = await buildFor(world.users.alice.id, world.template.id, {
      dormantAt: new Date('2025-01-01T00:00:00Z'),
    });
    await denied(world.store.asAutostart().insertWorkspaceBuild(await input('start')));
    await world.store.asAutostart().insertWorkspaceBuild(await input('stop'));
    const builds = await world.raw.listWorkspaceBuildsByWorkspace({ workspaceId: workspace.id });
    expect(builds.map((b) => b.transition)).toEqual(['stop']);
  });

  it('lets a template admin delete a prebuilt workspace by build, not a plain member', async () => {
    const { workspace, input } = await buildFor(PREBUILDS_USER_ID, world.template.id);
    await denied(
      world.store.as(world.subject('alice')).insertWorkspaceBuild(await input('delete')),
    );
    const byTina = await input('delete', undefined, world.users.tina.id);
    await world.store.as(world.subject('tina')).insertWorkspaceBuild(byTina);
    const latest = await world.raw.getLatestWorkspaceBuildByWorkspace({
      workspaceId: workspace.id,
    });
    expect(latest.transition).toBe('delete');
  });
});

describe('require active version', () => {
  it('denies a member a start of a non-active version, but not of the active one or a stop', async () => {
    const { workspace, input } = await buildFor(world.users.alice.id, strict.id);
    const asAlice = world.store.as(world.subject('alice'));
    await denied(asAlice.insertWorkspaceBuild(await input('start', oldVersion.id)));
    expect(await buildCount(workspace.id)).toBe(0);
    await asAlice.insertWorkspaceBuild(await input('start'));
    await asAlice.insertWorkspaceBuild(await input('stop', oldVersion.id));
    const builds = await world.raw.listWorkspaceBuildsByWorkspace({ workspaceId: workspace.id });
    expect(builds.map((b) => [b.transition, b.templateVersionId])).toEqual([
      ['stop', oldVersion.id],
      ['start', strict.activeVersionId],
    ]);
  });

  it('lets a template admin start their workspace on a non-active version', async () => {
    const { workspace, input } = await buildFor(world.users.tina.id, strict.id);
    const build = await world.store
      .as(world.subject('tina'))
      .insertWorkspaceBuild(await input('start', oldVersion.id));
    expect(build).toMatchObject({ workspaceId: workspace.id, templateVersionId: oldVersion.id });
  });
});

describe('build lists and agents', () => {
  it('lists builds of a readable workspace only', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const listed = await asAlice.listWorkspaceBuildsByWorkspace({ workspaceId: aliceWs.id });
    expect(listed.map((b) => b.id)).toEqual([buildId]);
    expect(await asAlice.countWorkspaceBuildsByWorkspace({ workspaceId: aliceWs.id })).toBe(1);
    const asBob = world.store.as(world.subject('bob'));
    await denied(asBob.listWorkspaceBuildsByWorkspace({ workspaceId: aliceWs.id }));
    await denied(asBob.getLatestWorkspaceBuildByWorkspace({ workspaceId: aliceWs.id }));
  });

  it('lets the provisioner daemon add agents and the owner read them', async () => {
    const asBob = world.store.as(world.subject('bob'));
    await denied(asBob.insertWorkspaceAgent({ buildId, name: 'sneaky' }));
    const { agent } = await world.store
      .asProvisionerd()
      .insertWorkspaceAgent({ buildId, name: 'main' });
    const asAlice = world.store.as(world.subject('alice'));
    expect((await asAlice.getWorkspaceAgentById({ id: agent.id })).name).toBe('main');
    expect((await asAlice.getWorkspaceAgentsByBuild({ buildId })).map((a) => a.name)).toEqual([
      'main',
    ]);
    await denied(asBob.getWorkspaceAgentById({ id: agent.id }));
    await denied(asBob.getWorkspaceAgentsByBuild({ buildId }));
  });

  it('finds an agent by auth token for the restricted system actor only', async () => {
    const { agent, authToken } = await world.raw.insertWorkspaceAgent({ buildId, name: 'tokened' });
    const lookup = { authToken };
    await denied(world.store.as(world.subject('alice')).getWorkspaceAgentByAuthToken(lookup));
    await denied(world.store.asProvisionerd().getWorkspaceAgentByAuthToken(lookup));
    const found = await world.store.asSystemRestricted().getWorkspaceAgentByAuthToken(lookup);
    expect(found.id).toBe(agent.id);
  });
});
