import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { templates } from '../../db/schema/index.ts';
import {
  createFile,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createUser,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('files', () => {
  it('inserts a file and reads it back byte for byte', async () => {
    const user = await createUser(ctx.db);
    const data = randomBytes(1024);
    const hash = createHash('sha256').update(data).digest('hex');
    const file = await ctx.store.insertFile({
      hash,
      createdBy: user.id,
      mimetype: 'application/x-tar',
      data,
    });
    const read = await ctx.store.getFileById({ id: file.id });
    expect(read.data.equals(data)).toBe(true);
    await expect(
      ctx.store.insertFile({ hash, createdBy: user.id, mimetype: 'application/x-tar', data }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'files_hash_created_by_key' });
  });
});

describe('templates', () => {
  it('inserts a template with empty ACLs and reads it by id and by org + name', async () => {
    const org = await createOrganization(ctx.db);
    const user = await createUser(ctx.db);
    const t = await ctx.store.insertTemplate({
      organizationId: org.id,
      name: 'docker',
      createdBy: user.id,
    });
    expect(t).toMatchObject({
      userAcl: {},
      groupAcl: {},
      requireActiveVersion: false,
      deleted: false,
    });
    expect((await ctx.store.getTemplateById({ id: t.id })).name).toBe('docker');
    const byName = await ctx.store.getTemplateByOrganizationAndName({
      organizationId: org.id,
      name: 'DOCKER',
    });
    expect(byName.id).toBe(t.id);
  });

  it('rejects an ACL keyed by something other than a uuid', async () => {
    const t = await createTemplate(ctx.db);
    await expect(
      ctx.store.updateTemplateAcl({ id: t.id, userAcl: { bob: ['read'] }, groupAcl: {} }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'userAcl.bob' });
    expect((await ctx.store.getTemplateById({ id: t.id })).userAcl).toEqual({});
  });

  it('updates meta and ACLs', async () => {
    const t = await createTemplate(ctx.db);
    const v = await createTemplateVersion(ctx.db, {
      organizationId: t.organizationId,
      templateId: t.id,
    });
    const meta = await ctx.store.updateTemplateMeta({
      id: t.id,
      displayName: 'Docker',
      requireActiveVersion: true,
      activeVersionId: v.id,
    });
    expect(meta).toMatchObject({
      displayName: 'Docker',
      requireActiveVersion: true,
      activeVersionId: v.id,
    });
    const userId = (await createUser(ctx.db)).id;
    const acl = await ctx.store.updateTemplateAcl({
      id: t.id,
      userAcl: { [userId]: ['read', 'use'] },
      groupAcl: { [t.organizationId]: ['read'] },
    });
    expect(acl.userAcl).toEqual({ [userId]: ['read', 'use'] });
    expect(acl.groupAcl).toEqual({ [t.organizationId]: ['read'] });
  });

  it('soft-deletes: hidden from lists and by-name reads, name reusable, kept for get by id', async () => {
    const org = await createOrganization(ctx.db);
    const t = await createTemplate(ctx.db, { organizationId: org.id, name: 'old' });
    await ctx.store.softDeleteTemplate({ id: t.id });
    expect((await ctx.store.getTemplateById({ id: t.id })).deleted).toBe(true);
    await expect(ctx.store.getTemplateByIdForBuild({ id: t.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      ctx.store.getTemplateByOrganizationAndName({ organizationId: org.id, name: 'old' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await ctx.store.listTemplates({ organizationId: org.id })).toEqual([]);
    expect(
      (await ctx.store.listTemplates({ organizationId: org.id, deleted: true })).map((x) => x.id),
    ).toEqual([t.id]);
    await expect(ctx.store.updateTemplateMeta({ id: t.id, icon: 'x' })).rejects.toMatchObject({
      code: 'not_found',
    });
    const again = await createTemplate(ctx.db, { organizationId: org.id, name: 'old' });
    expect(again.id).not.toBe(t.id);
  });

  it('lists and counts templates with paging and the where option', async () => {
    const org = await createOrganization(ctx.db);
    for (const name of ['t-a', 't-b', 't-c', 't-d']) {
      await createTemplate(ctx.db, {
        organizationId: org.id,
        name,
        icon: name === 't-b' ? 'no' : 'yes',
      });
    }
    const where = eq(templates.icon, 'yes');
    const page = await ctx.store.listTemplates(
      { organizationId: org.id, limit: 2, offset: 1 },
      { where },
    );
    expect(page.map((t) => t.name)).toEqual(['t-c', 't-d']);
    expect(await ctx.store.countTemplates({ organizationId: org.id }, { where })).toBe(3);
    expect(await ctx.store.countTemplates({ organizationId: org.id })).toBe(4);
  });

  it('finds the live templates whose versions were imported from a file', async () => {
    const org = await createOrganization(ctx.db);
    const file = await createFile(ctx.db);
    const t = await createTemplate(ctx.db, { organizationId: org.id });
    await createTemplate(ctx.db, { organizationId: org.id });
    const job = await createProvisionerJob(ctx.db, { organizationId: org.id, fileId: file.id });
    await createTemplateVersion(ctx.db, {
      organizationId: org.id,
      templateId: t.id,
      jobId: job.id,
    });
    const using = await ctx.store.listTemplatesUsingFile({ fileId: file.id });
    expect(using.map((x) => x.id)).toEqual([t.id]);
  });
});

describe('template versions', () => {
  it('inserts a version (with or without template), gets it, lists by template', async () => {
    const t = await createTemplate(ctx.db);
    const user = await createUser(ctx.db);
    const job = await createProvisionerJob(ctx.db, { organizationId: t.organizationId });
    const loose = await ctx.store.insertTemplateVersion({
      organizationId: t.organizationId,
      name: 'draft',
      jobId: job.id,
      createdBy: user.id,
    });
    expect(loose.templateId).toBeNull();
    const job2 = await createProvisionerJob(ctx.db, { organizationId: t.organizationId });
    const v2 = await ctx.store.insertTemplateVersion({
      templateId: t.id,
      organizationId: t.organizationId,
      name: 'v2',
      jobId: job2.id,
      createdBy: user.id,
    });
    expect((await ctx.store.getTemplateVersionById({ id: v2.id })).name).toBe('v2');
    const versions = await ctx.store.listTemplateVersionsByTemplate({ templateId: t.id });
    expect(versions.map((v) => v.id)).toEqual([t.activeVersionId, v2.id]);
    expect(await ctx.store.countTemplateVersionsByTemplate({ templateId: t.id })).toBe(2);
    await expect(
      ctx.store.insertTemplateVersion({
        templateId: t.id,
        organizationId: t.organizationId,
        name: 'v2',
        jobId: job.id,
        createdBy: user.id,
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      constraint: 'template_versions_template_id_name_key',
    });
  });
});
