import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PREBUILDS_SYSTEM_USER_ID, workspaces } from '../../db/schema/index.ts';
import {
  createAgent,
  createBuild,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('workspaces', () => {
  it('inserts a workspace with empty ACLs and reads it by id and by owner + name', async () => {
    const t = await createTemplate(ctx.db);
    const owner = await createUser(ctx.db);
    await createMember(ctx.db, { organizationId: t.organizationId, userId: owner.id });
    const ws = await ctx.store.insertWorkspace({
      ownerId: owner.id,
      organizationId: t.organizationId,
      templateId: t.id,
      name: 'dev',
    });
    expect(ws).toMatchObject({
      name: 'dev',
      userAcl: {},
      groupAcl: {},
      dormantAt: null,
      deleted: false,
    });
    expect((await ctx.store.getWorkspaceById({ id: ws.id })).ownerId).toBe(owner.id);
    expect(
      (await ctx.store.getWorkspaceByOwnerAndName({ ownerId: owner.id, name: 'DEV' })).id,
    ).toBe(ws.id);
    await expect(
      ctx.store.insertWorkspace({
        ownerId: owner.id,
        organizationId: t.organizationId,
        templateId: t.id,
        name: 'dev',
      }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'workspaces_owner_id_name_lower_idx' });
  });

  it('raises not_found for a template that is missing, or of another organization', async () => {
    const ws = await createWorkspace(ctx.db);
    await expect(
      ctx.store.insertWorkspace({
        ownerId: ws.ownerId,
        organizationId: ws.organizationId,
        templateId: '00000000-0000-4000-8000-0000000000cc',
        name: 'orphan',
      }),
    ).rejects.toMatchObject({ code: 'not_found', entity: 'template' });
    const elsewhere = await createTemplate(ctx.db);
    await expect(
      ctx.store.insertWorkspace({
        ownerId: ws.ownerId,
        organizationId: ws.organizationId,
        templateId: elsewhere.id,
        name: 'cross-org',
      }),
    ).rejects.toMatchObject({ code: 'not_found', entity: 'template' });
    expect(await ctx.store.countWorkspaces({ ownerId: ws.ownerId })).toBe(1);
  });

  it('finds the workspace of an agent', async () => {
    const agent = await createAgent(ctx.db);
    const ws = await ctx.store.getWorkspaceByAgentId({ agentId: agent.id });
    const build = await ctx.store.getWorkspaceBuildById({ id: agent.buildId });
    expect(ws.id).toBe(build.workspaceId);
    await expect(
      ctx.store.getWorkspaceByAgentId({ agentId: '00000000-0000-4000-8000-0000000000dd' }),
    ).rejects.toMatchObject({ code: 'not_found', entity: 'workspace' });
  });

  it('updates name, schedule, dormancy and ACLs', async () => {
    const ws = await createWorkspace(ctx.db);
    expect(
      await ctx.store.updateWorkspace({
        id: ws.id,
        name: 'renamed',
        autostartSchedule: 'CRON_TZ=UTC 0 9 * * 1-5',
      }),
    ).toMatchObject({ name: 'renamed', autostartSchedule: 'CRON_TZ=UTC 0 9 * * 1-5' });
    expect(
      (await ctx.store.updateWorkspace({ id: ws.id, autostartSchedule: null })).autostartSchedule,
    ).toBeNull();
    const at = new Date('2030-05-01T00:00:00Z');
    expect(
      (await ctx.store.updateWorkspaceDormantAt({ id: ws.id, dormantAt: at })).dormantAt,
    ).toEqual(at);
    expect(
      (await ctx.store.updateWorkspaceDormantAt({ id: ws.id, dormantAt: null })).dormantAt,
    ).toBeNull();
    const friend = await createUser(ctx.db);
    const shared = await ctx.store.updateWorkspaceAcl({
      id: ws.id,
      userAcl: { [friend.id]: ['read', 'ssh'] },
      groupAcl: { [ws.organizationId]: ['read'] },
    });
    expect(shared.userAcl).toEqual({ [friend.id]: ['read', 'ssh'] });
    expect(shared.groupAcl).toEqual({ [ws.organizationId]: ['read'] });
  });

  it('soft-deletes: get by id says deleted, name free again, lists hide it, updates fail', async () => {
    const ws = await createWorkspace(ctx.db, { name: 'gone' });
    await ctx.store.softDeleteWorkspace({ id: ws.id });
    expect((await ctx.store.getWorkspaceById({ id: ws.id })).deleted).toBe(true);
    await expect(
      ctx.store.getWorkspaceByOwnerAndName({ ownerId: ws.ownerId, name: 'gone' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await ctx.store.listWorkspaces({ ownerId: ws.ownerId })).toEqual([]);
    expect(
      (await ctx.store.listWorkspaces({ ownerId: ws.ownerId, deleted: true })).map((w) => w.id),
    ).toEqual([ws.id]);
    await expect(ctx.store.updateWorkspace({ id: ws.id, name: 'back' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const again = await createWorkspace(ctx.db, {
      name: 'gone',
      ownerId: ws.ownerId,
      organizationId: ws.organizationId,
      templateId: ws.templateId,
    });
    expect(again.id).not.toBe(ws.id);
  });

  it('lists by owner, template, dormancy and status with exact paging and counts', async () => {
    const org = await createOrganization(ctx.db);
    const owner = await createUser(ctx.db);
    await createMember(ctx.db, { organizationId: org.id, userId: owner.id });
    const [t1, t2] = [
      await createTemplate(ctx.db, { organizationId: org.id }),
      await createTemplate(ctx.db, { organizationId: org.id }),
    ];
    const base = { organizationId: org.id, ownerId: owner.id };
    const running = await createWorkspace(ctx.db, {
      ...base,
      templateId: t1.id,
      name: 'a-running',
    });
    await createBuild(ctx.db, { workspaceId: running.id });
    const stopped = await createWorkspace(ctx.db, {
      ...base,
      templateId: t1.id,
      name: 'b-stopped',
    });
    await createBuild(ctx.db, { workspaceId: stopped.id });
    await createBuild(ctx.db, { workspaceId: stopped.id, transition: 'stop' });
    const failed = await createWorkspace(ctx.db, { ...base, templateId: t2.id, name: 'c-failed' });
    await createBuild(ctx.db, { workspaceId: failed.id, jobStatus: 'failed' });
    const starting = await createWorkspace(ctx.db, {
      ...base,
      templateId: t2.id,
      name: 'd-starting',
      dormantAt: new Date(),
    });
    await createBuild(ctx.db, { workspaceId: starting.id, jobStatus: 'running' });

    const names = async (input: Parameters<typeof ctx.store.listWorkspaces>[0]) =>
      (await ctx.store.listWorkspaces(input)).map((w) => w.name);
    expect(await names({ ownerId: owner.id })).toEqual([
      'a-running',
      'b-stopped',
      'c-failed',
      'd-starting',
    ]);
    expect(await names({ ownerId: owner.id, templateId: t2.id })).toEqual([
      'c-failed',
      'd-starting',
    ]);
    expect(await names({ ownerId: owner.id, status: 'running' })).toEqual(['a-running']);
    expect(await names({ ownerId: owner.id, status: 'stopped' })).toEqual(['b-stopped']);
    expect(await names({ ownerId: owner.id, status: 'failed' })).toEqual(['c-failed']);
    expect(await names({ ownerId: owner.id, status: 'starting' })).toEqual(['d-starting']);
    expect(await names({ ownerId: owner.id, dormant: true })).toEqual(['d-starting']);
    expect(await names({ ownerId: owner.id, limit: 2, offset: 1 })).toEqual([
      'b-stopped',
      'c-failed',
    ]);
    expect(await ctx.store.countWorkspaces({ organizationId: org.id })).toBe(4);

    const where = eq(workspaces.templateId, t1.id);
    const filtered = await ctx.store.listWorkspaces(
      { ownerId: owner.id, limit: 1, offset: 1 },
      { where },
    );
    expect(filtered.map((w) => w.name)).toEqual(['b-stopped']);
    expect(await ctx.store.countWorkspaces({ ownerId: owner.id }, { where })).toBe(2);
  });

  it('claims a prebuilt workspace only while the prebuilds user owns it', async () => {
    const org = await createOrganization(ctx.db);
    const prebuilt = await createWorkspace(ctx.db, {
      organizationId: org.id,
      ownerId: PREBUILDS_SYSTEM_USER_ID,
    });
    const claimer = await createUser(ctx.db);
    const claimed = await ctx.store.claimPrebuiltWorkspace({
      id: prebuilt.id,
      newOwnerId: claimer.id,
      name: 'mine',
    });
    expect(claimed).toMatchObject({ ownerId: claimer.id, name: 'mine' });
    const other = await createUser(ctx.db);
    await expect(
      ctx.store.claimPrebuiltWorkspace({ id: prebuilt.id, newOwnerId: other.id, name: 'theirs' }),
    ).rejects.toMatchObject({ code: 'not_found', entity: 'prebuilt workspace' });
    expect((await ctx.store.getWorkspaceById({ id: prebuilt.id })).ownerId).toBe(claimer.id);
  });
});
