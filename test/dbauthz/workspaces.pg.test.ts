import { beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../db/types.ts';
import { PREBUILDS_USER_ID } from '../../src/dbauthz/system-actors/system-actors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createTemplate, createWorkspace } from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

const database = databaseForFile();
let world: WorkspaceWorld;
/** The template whose workspaces the list scenarios look at (others are added by later tests). */
let listTemplateId: string;
const ws: Record<string, Workspace> = {};

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
  const { acme, users } = world;
  listTemplateId = (await createTemplate(database.db, { organizationId: acme.id })).id;
  const seed = async (name: string, ownerId: string, extra: Partial<Workspace> = {}) => {
    ws[name] = await createWorkspace(database.db, {
      name,
      ownerId,
      organizationId: acme.id,
      templateId: listTemplateId,
      ...extra,
    });
  };
  await seed('a-own', users.alice.id);
  await seed('a-dormant', users.alice.id, { dormantAt: new Date('2025-01-01T00:00:00Z') });
  await seed('b-shared-alice', users.bob.id, { userAcl: { [users.alice.id]: ['read'] } });
  await seed('b-shared-devs', users.bob.id, { groupAcl: { [world.devsGroupId]: ['read'] } });
  await seed('b-everyone', users.bob.id, { groupAcl: { [acme.id]: ['read'] } });
  await seed('b-private', users.bob.id);
  ws['d-globex'] = await createWorkspace(database.db, {
    name: 'd-globex',
    ownerId: users.dave.id,
    organizationId: world.globex.id,
  });
});

const names = (rows: readonly Workspace[]) => rows.map((row) => row.name);

describe('listing workspaces is filtered in SQL', () => {
  it('shows a member their own workspaces and those shared with them, their group or Everyone', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    expect(names(await asAlice.listWorkspaces({ templateId: listTemplateId }))).toEqual([
      'a-dormant',
      'a-own',
      'b-everyone',
      'b-shared-alice',
    ]);
    const asCarol = world.store.as(world.subject('carol'));
    expect(names(await asCarol.listWorkspaces({ templateId: listTemplateId }))).toEqual([
      'b-everyone',
      'b-shared-devs',
    ]);
  });

  it('keeps paging and counts exact under the filter', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const page = await asAlice.listWorkspaces({ templateId: listTemplateId, limit: 2, offset: 1 });
    expect(names(page)).toEqual(['a-own', 'b-everyone']);
    expect(await asAlice.countWorkspaces({ templateId: listTemplateId })).toBe(4);
    expect(await asAlice.countWorkspaces({ templateId: listTemplateId, dormant: true })).toBe(1);
    expect(await world.raw.countWorkspaces({ templateId: listTemplateId })).toBe(6);
  });

  it("shows an org admin every workspace of their org and nothing of another org's", async () => {
    const asOscar = world.store.as(world.subject('oscar'));
    expect(await asOscar.countWorkspaces({ templateId: listTemplateId })).toBe(6);
    expect(await asOscar.countWorkspaces({ organizationId: world.globex.id })).toBe(0);
  });

  it('shows a member of another org none of them, only their own', async () => {
    const asDave = world.store.as(world.subject('dave'));
    expect(await asDave.listWorkspaces({ templateId: listTemplateId })).toEqual([]);
    expect(names(await asDave.listWorkspaces({}))).toEqual(['d-globex']);
  });
});

describe('reading one workspace', () => {
  it('answers a denied read and a missing row with the same error', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    expect((await asAlice.getWorkspaceById({ id: ws['b-shared-alice']!.id })).name).toBe(
      'b-shared-alice',
    );
    expect(await denied(asAlice.getWorkspaceById({ id: ws['b-private']!.id }))).toBe('forbidden');
    const missing = '0d0d0d0d-0000-4000-8000-000000000000';
    expect(await denied(asAlice.getWorkspaceById({ id: missing }))).toBe('not_found');
    const byName = { ownerId: world.users.bob.id, name: 'b-private' };
    expect(await denied(asAlice.getWorkspaceByOwnerAndName(byName))).toBe('forbidden');
  });

  it('lets the owner read a dormant workspace (checked as workspace_dormant) but not share it', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const dormant = await asAlice.getWorkspaceById({ id: ws['a-dormant']!.id });
    expect(dormant.dormantAt).not.toBeNull();
    const acl = {
      id: dormant.id,
      userAcl: { [world.users.bob.id]: ['read' as const] },
      groupAcl: {},
    };
    await denied(asAlice.updateWorkspaceAcl(acl));
    expect((await world.raw.getWorkspaceById({ id: dormant.id })).userAcl).toEqual({});
  });
});

describe('sharing and updating', () => {
  it('lets an owner share their workspace (share), after which the grantee reads it', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const asBob = world.store.as(world.subject('bob'));
    const id = ws['a-own']!.id;
    await denied(asBob.getWorkspaceById({ id }));
    await asAlice.updateWorkspaceAcl({
      id,
      userAcl: { [world.users.bob.id]: ['read'] },
      groupAcl: {},
    });
    expect((await asBob.getWorkspaceById({ id })).name).toBe('a-own');
  });

  it('does not let a grantee with read re-share or rename a workspace', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const id = ws['b-shared-alice']!.id;
    await denied(
      asAlice.updateWorkspaceAcl({ id, userAcl: {}, groupAcl: { [world.acme.id]: ['read'] } }),
    );
    // A wildcard is never a workspace ACL entry: refused from the input alone, for anyone.
    await expect(
      asAlice.updateWorkspaceAcl({ id, userAcl: {}, groupAcl: { [world.acme.id]: ['*'] } }),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await denied(asAlice.updateWorkspace({ id, name: 'hijacked' }));
    expect(await world.raw.getWorkspaceById({ id })).toMatchObject({
      name: 'b-shared-alice',
      groupAcl: {},
    });
  });
});

describe('creating workspaces', () => {
  const input = (ownerId: string, name: string) => ({
    ownerId,
    organizationId: world.acme.id,
    templateId: world.template.id,
    name,
  });

  it('lets a member create their own workspace from a template they may use', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const created = await asAlice.insertWorkspace(input(world.users.alice.id, 'a-new'));
    expect(created).toMatchObject({ ownerId: world.users.alice.id, templateId: world.template.id });
  });

  it('refuses a workspace for someone else, or from a template without use', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    await denied(asAlice.insertWorkspace(input(world.users.bob.id, 'b-forced')));
    const closed = await createTemplate(database.db, { organizationId: world.acme.id });
    await denied(
      asAlice.insertWorkspace({
        ...input(world.users.alice.id, 'a-closed'),
        templateId: closed.id,
      }),
    );
    expect(await world.raw.countWorkspaces({ templateId: closed.id })).toBe(0);
    expect(
      await world.raw.countWorkspaces({
        ownerId: world.users.bob.id,
        templateId: world.template.id,
      }),
    ).toBe(0);
  });

  it('applies the creation ban to a member but not to a site owner', async () => {
    const banned = ['organization-workspace-creation-ban'];
    const asAlice = world.store.as(world.subject('alice', banned));
    await denied(asAlice.insertWorkspace(input(world.users.alice.id, 'a-banned')));
    const asOlga = world.store.as(world.subject('olga', banned));
    expect((await asOlga.insertWorkspace(input(world.users.olga.id, 'o-banned'))).name).toBe(
      'o-banned',
    );
    // Only this test's two names: other tests add workspaces from the same template.
    const made = await world.raw.listWorkspaces({ templateId: world.template.id });
    expect(names(made).filter((name) => name.endsWith('-banned'))).toEqual(['o-banned']);
  });
});

describe('prebuilt workspaces', () => {
  const prebuild = () =>
    createWorkspace(database.db, {
      ownerId: PREBUILDS_USER_ID,
      organizationId: world.acme.id,
      templateId: world.template.id,
    });

  it('lets a template admin delete a prebuilt workspace, not a plain member', async () => {
    const row = await prebuild();
    await denied(world.store.as(world.subject('alice')).softDeleteWorkspace({ id: row.id }));
    expect((await world.raw.getWorkspaceById({ id: row.id })).deleted).toBe(false);
    await world.store.as(world.subject('tina')).softDeleteWorkspace({ id: row.id });
    expect((await world.raw.getWorkspaceById({ id: row.id })).deleted).toBe(true);
  });

  it("does not let a template admin delete a user's workspace", async () => {
    const asTina = world.store.as(world.subject('tina'));
    await denied(asTina.softDeleteWorkspace({ id: ws['b-private']!.id }));
    expect((await world.raw.getWorkspaceById({ id: ws['b-private']!.id })).deleted).toBe(false);
  });

  it('lets a member claim a prebuild for themselves, unless banned from creating', async () => {
    const row = await prebuild();
    const claim = { id: row.id, newOwnerId: world.users.alice.id, name: 'a-claimed' };
    const banned = world.store.as(world.subject('alice', ['organization-workspace-creation-ban']));
    await denied(banned.claimPrebuiltWorkspace(claim));
    await denied(world.store.as(world.subject('bob')).claimPrebuiltWorkspace(claim));
    expect((await world.raw.getWorkspaceById({ id: row.id })).ownerId).toBe(PREBUILDS_USER_ID);
    const claimed = await world.store.as(world.subject('alice')).claimPrebuiltWorkspace(claim);
    expect(claimed).toMatchObject({ ownerId: world.users.alice.id, name: 'a-claimed' });
  });
});
