import { describe, expect, it } from 'vitest';
import { createOrganization, createTemplate, createWorkspace } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

// Name search is an input field compiled by the raw query (callers of the authorized store pass
// no SQL): case-insensitive "contains", with LIKE's own wildcards taken literally.
describe('list name search', () => {
  it('finds workspaces whose name contains the text, case-insensitively', async () => {
    const org = await createOrganization(ctx.db);
    const template = await createTemplate(ctx.db, { organizationId: org.id });
    const base = { organizationId: org.id, templateId: template.id };
    const devBox = await createWorkspace(ctx.db, { ...base, name: 'dev-box' });
    await createWorkspace(ctx.db, { ...base, name: 'prod' });
    await createWorkspace(ctx.db, { ...base, name: 'devx' });
    const found = await ctx.store.listWorkspaces({ organizationId: org.id, search: 'V-B' });
    expect(found.map((w) => w.id)).toEqual([devBox.id]);
    expect(await ctx.store.countWorkspaces({ organizationId: org.id, search: 'dev' })).toBe(2);
    expect(await ctx.store.countWorkspaces({ organizationId: org.id, search: '%' })).toBe(0);
    expect(await ctx.store.countWorkspaces({ organizationId: org.id, search: '_' })).toBe(0);
  });

  it('finds templates whose name contains the text, case-insensitively', async () => {
    const org = await createOrganization(ctx.db);
    const docker = await createTemplate(ctx.db, { organizationId: org.id, name: 'Docker-Go' });
    await createTemplate(ctx.db, { organizationId: org.id, name: 'kubernetes' });
    const found = await ctx.store.listTemplates({ organizationId: org.id, search: 'docker' });
    expect(found.map((t) => t.id)).toEqual([docker.id]);
    expect(await ctx.store.countTemplates({ organizationId: org.id, search: 'e' })).toBe(2);
  });

  it('refuses an empty or oversized search as invalid_input', async () => {
    await expect(ctx.store.listWorkspaces({ search: '' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'search',
    });
    await expect(ctx.store.countTemplates({ search: 'x'.repeat(65) })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'search',
    });
  });
});
