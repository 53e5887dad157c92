import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workspaceBuilds, workspaceBuildWithUser } from '../../db/schema/index.ts';
import {
  createAgent,
  createBuild,
  createProvisionerJob,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

async function newBuildInput(workspaceId?: string) {
  const ws = workspaceId
    ? await ctx.store.getWorkspaceById({ id: workspaceId })
    : await createWorkspace(ctx.db);
  const template = await ctx.store.getTemplateById({ id: ws.templateId });
  const job = await createProvisionerJob(ctx.db, {
    organizationId: ws.organizationId,
    initiatorId: ws.ownerId,
    type: 'workspace_build',
  });
  return {
    workspaceId: ws.id,
    templateVersionId: template.activeVersionId!,
    transition: 'start' as const,
    initiatorId: ws.ownerId,
    jobId: job.id,
  };
}

describe('workspace builds', () => {
  it('numbers builds per workspace and returns the initiator username without provisioner state', async () => {
    const input = await newBuildInput();
    const state = randomBytes(2 * 1024 * 1024);
    const first = await ctx.store.insertWorkspaceBuild({ ...input, provisionerState: state });
    expect(first.buildNumber).toBe(1);
    expect('provisionerState' in first).toBe(false);
    const owner = await ctx.store.getUserById({ id: input.initiatorId });
    expect(first.initiatorByUsername).toBe(owner.username);
    const second = await ctx.store.insertWorkspaceBuild({
      ...(await newBuildInput(input.workspaceId)),
      transition: 'stop',
    });
    expect(second).toMatchObject({ buildNumber: 2, transition: 'stop' });
  });

  it('never returns provisioner state from get, latest or list reads', async () => {
    const build = await createBuild(ctx.db, { provisionerState: randomBytes(1024) });
    await createBuild(ctx.db, { workspaceId: build.workspaceId, transition: 'stop' });
    const byId = await ctx.store.getWorkspaceBuildById({ id: build.id });
    const latest = await ctx.store.getLatestWorkspaceBuildByWorkspace({
      workspaceId: build.workspaceId,
    });
    const listed = await ctx.store.listWorkspaceBuildsByWorkspace({
      workspaceId: build.workspaceId,
    });
    for (const row of [byId, latest, ...listed]) {
      expect(Object.keys(row)).not.toContain('provisionerState');
    }
    expect(latest.buildNumber).toBe(2);
    expect(listed.map((b) => b.buildNumber)).toEqual([2, 1]);
    const viewColumns = await ctx.test.client<{ column_name: string }[]>`
      SELECT column_name FROM information_schema.columns
      WHERE table_name = 'workspace_build_with_user'`;
    const names = viewColumns.map((c) => c.column_name);
    expect(names).toContain('initiator_by_username');
    expect(names).not.toContain('provisioner_state');
  });

  it('reads and writes provisioner state only through the dedicated queries', async () => {
    const build = await createBuild(ctx.db);
    expect(
      (await ctx.store.getProvisionerStateByBuildId({ id: build.id })).provisionerState,
    ).toBeNull();
    const state = randomBytes(5 * 1024 * 1024);
    await ctx.store.updateProvisionerState({ id: build.id, provisionerState: state });
    const read = await ctx.store.getProvisionerStateByBuildId({ id: build.id });
    expect(read).toMatchObject({ id: build.id, workspaceId: build.workspaceId });
    expect(read.provisionerState?.equals(state)).toBe(true);
    await expect(
      ctx.store.updateProvisionerState({
        id: '00000000-0000-4000-8000-0000000000ee',
        provisionerState: state,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists and counts builds of a workspace with paging and the where option', async () => {
    const first = await createBuild(ctx.db);
    for (const transition of ['stop', 'start', 'stop'] as const) {
      await createBuild(ctx.db, { workspaceId: first.workspaceId, transition });
    }
    const page = await ctx.store.listWorkspaceBuildsByWorkspace({
      workspaceId: first.workspaceId,
      limit: 2,
      offset: 1,
    });
    expect(page.map((b) => b.buildNumber)).toEqual([3, 2]);
    const where = eq(workspaceBuildWithUser.transition, 'stop');
    const stops = await ctx.store.listWorkspaceBuildsByWorkspace(
      { workspaceId: first.workspaceId, offset: 1 },
      { where },
    );
    expect(stops.map((b) => b.buildNumber)).toEqual([2]);
    expect(
      await ctx.store.countWorkspaceBuildsByWorkspace(
        { workspaceId: first.workspaceId },
        { where },
      ),
    ).toBe(2);
  });

  it('rejects a duplicate build number and a bad transition, writing nothing', async () => {
    const build = await createBuild(ctx.db);
    const count = async () =>
      (
        await ctx.db
          .select({ n: sql<number>`count(*)::int` })
          .from(workspaceBuilds)
          .where(eq(workspaceBuilds.workspaceId, build.workspaceId))
      )[0]!.n;
    const input = await newBuildInput(build.workspaceId);
    await expect(
      ctx.store.insertWorkspaceBuild({ ...input, buildNumber: 1 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      constraint: 'workspace_builds_workspace_id_build_number_key',
    });
    await expect(
      ctx.store.insertWorkspaceBuild({ ...input, transition: 'restart' as 'start' }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'transition' });
    expect(await count()).toBe(1);
  });

  it('throws not_found for the latest build of a workspace without builds', async () => {
    const ws = await createWorkspace(ctx.db);
    await expect(
      ctx.store.getLatestWorkspaceBuildByWorkspace({ workspaceId: ws.id }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('getBuildWorkspaceAndTemplate', () => {
  it("returns the build's workspace and template without its state, or not_found", async () => {
    const build = await createBuild(ctx.db, { provisionerState: Buffer.from('secret-state') });
    const rows = await ctx.store.getBuildWorkspaceAndTemplate({ id: build.id });
    expect(rows.workspace.id).toBe(build.workspaceId);
    expect(rows.template.id).toBe(rows.workspace.templateId);
    expect(JSON.stringify(rows)).not.toContain('secret-state');
    expect(Object.keys(rows).sort()).toEqual(['template', 'workspace']);
    await expect(
      ctx.store.getBuildWorkspaceAndTemplate({ id: '00000000-0000-4000-8000-0000000000ff' }),
    ).rejects.toMatchObject({ code: 'not_found', entity: 'workspace build' });
  });
});

describe('workspace agents', () => {
  it('inserts an agent with a random token returned once, and finds it by id, token and build', async () => {
    const build = await createBuild(ctx.db);
    const { agent, authToken } = await ctx.store.insertWorkspaceAgent({
      buildId: build.id,
      name: 'main',
    });
    expect(authToken).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(agent).not.toHaveProperty('authToken');
    expect(agent).not.toHaveProperty('authTokenHash');
    expect((await ctx.store.getWorkspaceAgentById({ id: agent.id })).name).toBe('main');
    const found = await ctx.store.getWorkspaceAgentByAuthToken({ authToken });
    expect(found.id).toBe(agent.id);
    expect(found).not.toHaveProperty('authTokenHash');
    // The token is matched case-insensitively, as a uuid.
    const upper = await ctx.store.getWorkspaceAgentByAuthToken({
      authToken: authToken.toUpperCase(),
    });
    expect(upper.id).toBe(agent.id);
    await ctx.store.insertWorkspaceAgent({ buildId: build.id, name: 'aux' });
    const listed = await ctx.store.getWorkspaceAgentsByBuild({ buildId: build.id });
    expect(listed.map((a) => a.name)).toEqual(['aux', 'main']);
    for (const row of listed) expect(row).not.toHaveProperty('authTokenHash');
  });

  it('stores only the SHA-256 of the token, never the token', async () => {
    const build = await createBuild(ctx.db);
    const { agent, authToken } = await ctx.store.insertWorkspaceAgent({
      buildId: build.id,
      name: 'hashed',
    });
    const [row] = await ctx.test.client<{ hash: Buffer; text: string }[]>`
      SELECT auth_token_hash AS hash, row_to_json(a)::text AS text
      FROM workspace_agents a WHERE id = ${agent.id}`;
    expect(row?.hash.equals(createHash('sha256').update(authToken).digest())).toBe(true);
    expect(row?.text).not.toContain(authToken);
  });

  it('refuses a caller-chosen token and rejects an unknown one', async () => {
    const build = await createBuild(ctx.db);
    const chosen = '00000000-0000-4000-8000-0000000000aa';
    await expect(
      ctx.store.insertWorkspaceAgent({
        buildId: build.id,
        name: 'copy',
        authToken: chosen,
      } as never),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'authToken' });
    expect(await ctx.store.getWorkspaceAgentsByBuild({ buildId: build.id })).toEqual([]);
    await expect(
      ctx.store.getWorkspaceAgentByAuthToken({ authToken: '00000000-0000-4000-8000-0000000000ff' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('gives an agent inserted without a token a hash nobody holds', async () => {
    const first = await createAgent(ctx.db);
    const second = await createAgent(ctx.db);
    const rows = await ctx.test.client<{ hash: Buffer }[]>`
      SELECT auth_token_hash AS hash FROM workspace_agents WHERE id IN (${first.id}, ${second.id})`;
    expect(rows).toHaveLength(2);
    expect(rows[0]?.hash.length).toBe(32);
    expect(rows[0]?.hash.equals(rows[1]?.hash ?? Buffer.alloc(0))).toBe(false);
  });

  it('raises invalid_reference for an agent of a missing build', async () => {
    const user = await createUser(ctx.db);
    await expect(
      ctx.store.insertWorkspaceAgent({ buildId: user.id, name: 'lost' }),
    ).rejects.toMatchObject({ code: 'invalid_reference' });
  });
});
