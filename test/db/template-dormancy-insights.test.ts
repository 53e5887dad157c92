import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { BOUNDS } from '../../db/queries/bounds.ts';
import {
  createBuild,
  createTemplate,
  createTemplateVersion,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();
const DAY = 86_400_000;

describe('template dormancy TTLs', () => {
  it('default to 0 (off) and are returned by template reads', async () => {
    const template = await createTemplate(ctx.db);
    const read = await ctx.store.getTemplateById({ id: template.id });
    expect([read.timeTilDormant, read.timeTilDormantAutodelete]).toEqual([0, 0]);
  });

  it('are set by updateTemplateMeta and read back as milliseconds', async () => {
    const template = await createTemplate(ctx.db);
    const updated = await ctx.store.updateTemplateMeta({
      id: template.id,
      timeTilDormant: 30 * DAY,
      timeTilDormantAutodelete: 7 * DAY,
    });
    expect([updated.timeTilDormant, updated.timeTilDormantAutodelete]).toEqual([30 * DAY, 7 * DAY]);
    const listed = await ctx.store.listTemplates({ organizationId: template.organizationId });
    expect(listed.map((t) => t.timeTilDormant)).toEqual([30 * DAY]);
    const off = await ctx.store.updateTemplateMeta({ id: template.id, timeTilDormant: 0 });
    expect([off.timeTilDormant, off.timeTilDormantAutodelete]).toEqual([0, 7 * DAY]);
  });

  it('refuse a negative, fractional or over-long duration before any SQL', async () => {
    const template = await createTemplate(ctx.db);
    for (const bad of [-1, 1.5, BOUNDS.DURATION_MAX_MS + 1]) {
      await expect(
        ctx.store.updateTemplateMeta({ id: template.id, timeTilDormantAutodelete: bad }),
      ).rejects.toMatchObject({ code: 'invalid_input', field: 'timeTilDormantAutodelete' });
    }
    const read = await ctx.store.getTemplateById({ id: template.id });
    expect(read.timeTilDormantAutodelete).toBe(0);
  });

  it('are non-negative in the table too (a check constraint)', async () => {
    const template = await createTemplate(ctx.db);
    await expect(
      ctx.db.execute(sql`update templates set time_til_dormant = -1 where id = ${template.id}`),
    ).rejects.toMatchObject({
      cause: { constraint_name: 'templates_time_til_dormant_non_negative' },
    });
  });
});

describe('getTemplateInsights', () => {
  it('counts active users, workspaces and builds of the template in [since, until)', async () => {
    const template = await createTemplate(ctx.db);
    const org = template.organizationId;
    const other = await createTemplate(ctx.db, { organizationId: org });
    const [a, b] = [
      await createWorkspace(ctx.db, { organizationId: org, templateId: template.id }),
      await createWorkspace(ctx.db, { organizationId: org, templateId: template.id }),
    ];
    const newer = await createTemplateVersion(ctx.db, {
      organizationId: org,
      templateId: template.id,
    });
    const helper = await createUser(ctx.db);
    const at = (iso: string) => new Date(iso);
    await createBuild(ctx.db, { workspaceId: a.id, createdAt: at('2026-03-01T10:00:00Z') });
    await createBuild(ctx.db, {
      workspaceId: a.id,
      templateVersionId: newer.id,
      createdAt: at('2026-03-02T10:00:00Z'),
    });
    await createBuild(ctx.db, {
      workspaceId: b.id,
      initiatorId: helper.id,
      createdAt: at('2026-03-03T10:00:00Z'),
    });
    // Outside the window (until is exclusive), and a build of another template.
    await createBuild(ctx.db, { workspaceId: b.id, createdAt: at('2026-03-08T00:00:00Z') });
    const c = await createWorkspace(ctx.db, { organizationId: org, templateId: other.id });
    await createBuild(ctx.db, { workspaceId: c.id, createdAt: at('2026-03-02T00:00:00Z') });

    const window = { since: at('2026-03-01T00:00:00Z'), until: at('2026-03-08T00:00:00Z') };
    expect(await ctx.store.getTemplateInsights({ templateId: template.id, ...window })).toEqual({
      templateId: template.id,
      ...window,
      activeUsers: 2,
      workspaces: 2,
      workspaceBuilds: 3,
    });
  });

  it('is all zeros for a template without builds in the window', async () => {
    const template = await createTemplate(ctx.db);
    const window = { since: new Date('2026-01-01'), until: new Date('2026-01-02') };
    expect(await ctx.store.getTemplateInsights({ templateId: template.id, ...window })).toEqual({
      templateId: template.id,
      ...window,
      activeUsers: 0,
      workspaces: 0,
      workspaceBuilds: 0,
    });
  });

  it('refuses a window that ends before it starts', async () => {
    const template = await createTemplate(ctx.db);
    await expect(
      ctx.store.getTemplateInsights({
        templateId: template.id,
        since: new Date('2026-01-02'),
        until: new Date('2026-01-02'),
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'until' });
  });
});
