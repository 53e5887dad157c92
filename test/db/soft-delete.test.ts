import { describe, expect, it } from 'vitest';
import {
  createFile,
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createUser,
  createWorkspace,
  uniqueName,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

// Users, organizations, templates and workspaces are soft-deleted (`deleted = true`). Every raw
// list and its count must leave those rows out the same way (or list only them when asked for
// `deleted: true`): each pair below meets a live row and a deleted one side by side.

const ctx = useStore();
const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
const userIds = (rows: readonly { userId: string }[]) => rows.map((r) => r.userId).sort();

describe('soft-deleted rows stay out of lists and counts', () => {
  it('listUsers / countUsers leave deleted users out', async () => {
    const prefix = uniqueName('softdel');
    const live = await createUser(ctx.db, { username: `${prefix}-live` });
    const gone = await createUser(ctx.db, { username: `${prefix}-gone`, deleted: true });
    expect(ids(await ctx.store.listUsers({ search: prefix }))).toEqual([live.id]);
    expect(await ctx.store.countUsers({ search: prefix })).toBe(1);
    const everyone = ids(await ctx.store.listUsers({ limit: 1000 }));
    expect(everyone).toContain(live.id);
    expect(everyone).not.toContain(gone.id);
    expect(await ctx.store.countUsers({})).toBe(everyone.length);
  });

  it('listOrganizations / countOrganizations leave deleted organizations out', async () => {
    const user = await createUser(ctx.db);
    const live = await createOrganization(ctx.db);
    const gone = await createOrganization(ctx.db, { deleted: true });
    for (const org of [live, gone]) {
      await createMember(ctx.db, { organizationId: org.id, userId: user.id });
    }
    expect(ids(await ctx.store.listOrganizations({ memberUserId: user.id }))).toEqual([live.id]);
    expect(await ctx.store.countOrganizations({ memberUserId: user.id })).toBe(1);
    const all = ids(await ctx.store.listOrganizations({ limit: 1000 }));
    expect(all).toContain(live.id);
    expect(all).not.toContain(gone.id);
    expect(await ctx.store.countOrganizations({})).toBe(all.length);
  });

  it('listGroupMembers / countGroupMembers leave deleted users out of a group', async () => {
    const org = await createOrganization(ctx.db);
    const group = await createGroup(ctx.db, { organizationId: org.id });
    const live = await createUser(ctx.db);
    const gone = await createUser(ctx.db, { deleted: true });
    for (const user of [live, gone]) {
      await createMember(ctx.db, { organizationId: org.id, userId: user.id });
      await createGroupMember(ctx.db, { groupId: group.id, userId: user.id });
    }
    expect(userIds(await ctx.store.listGroupMembers({ groupId: group.id }))).toEqual([live.id]);
    expect(await ctx.store.countGroupMembers({ groupId: group.id })).toBe(1);
  });

  it('listGroupMembers / countGroupMembers leave deleted users out of the Everyone group', async () => {
    const org = await createOrganization(ctx.db);
    const live = await createUser(ctx.db);
    const gone = await createUser(ctx.db, { deleted: true });
    for (const user of [live, gone]) {
      await createMember(ctx.db, { organizationId: org.id, userId: user.id });
    }
    expect(userIds(await ctx.store.listGroupMembers({ groupId: org.id }))).toEqual([live.id]);
    expect(await ctx.store.countGroupMembers({ groupId: org.id })).toBe(1);
  });

  it('listTemplates / countTemplates list live templates, or only deleted ones when asked', async () => {
    const org = await createOrganization(ctx.db);
    const live = await createTemplate(ctx.db, { organizationId: org.id });
    const gone = await createTemplate(ctx.db, { organizationId: org.id, deleted: true });
    const organizationId = org.id;
    expect(ids(await ctx.store.listTemplates({ organizationId }))).toEqual([live.id]);
    expect(await ctx.store.countTemplates({ organizationId })).toBe(1);
    expect(ids(await ctx.store.listTemplates({ organizationId, deleted: true }))).toEqual([
      gone.id,
    ]);
    expect(await ctx.store.countTemplates({ organizationId, deleted: true })).toBe(1);
  });

  it('listTemplatesUsingFile leaves deleted templates out', async () => {
    const org = await createOrganization(ctx.db);
    const author = await createUser(ctx.db);
    const file = await createFile(ctx.db, { createdBy: author.id });
    const live = await createTemplate(ctx.db, { organizationId: org.id });
    const gone = await createTemplate(ctx.db, { organizationId: org.id, deleted: true });
    for (const template of [live, gone]) {
      const job = await createProvisionerJob(ctx.db, {
        organizationId: org.id,
        initiatorId: author.id,
        fileId: file.id,
        status: 'succeeded',
      });
      await createTemplateVersion(ctx.db, {
        organizationId: org.id,
        createdBy: author.id,
        templateId: template.id,
        jobId: job.id,
      });
    }
    expect(ids(await ctx.store.listTemplatesUsingFile({ fileId: file.id }))).toEqual([live.id]);
  });

  it('listWorkspaces / countWorkspaces list live workspaces, or only deleted ones when asked', async () => {
    const org = await createOrganization(ctx.db);
    const template = await createTemplate(ctx.db, { organizationId: org.id });
    const base = { organizationId: org.id, templateId: template.id };
    const live = await createWorkspace(ctx.db, base);
    const gone = await createWorkspace(ctx.db, { ...base, deleted: true });
    const organizationId = org.id;
    expect(ids(await ctx.store.listWorkspaces({ organizationId }))).toEqual([live.id]);
    expect(await ctx.store.countWorkspaces({ organizationId })).toBe(1);
    expect(ids(await ctx.store.listWorkspaces({ organizationId, deleted: true }))).toEqual([
      gone.id,
    ]);
    expect(await ctx.store.countWorkspaces({ organizationId, deleted: true })).toBe(1);
  });
});

describe('lookups that build subjects skip deleted organizations', () => {
  it('getGroupsOfUser and getOrganizationMembershipsOfUser leave deleted organizations out', async () => {
    const user = await createUser(ctx.db);
    const live = await createOrganization(ctx.db);
    const gone = await createOrganization(ctx.db, { deleted: true });
    for (const org of [live, gone]) {
      await createMember(ctx.db, { organizationId: org.id, userId: user.id });
      const group = await createGroup(ctx.db, { organizationId: org.id });
      await createGroupMember(ctx.db, { groupId: group.id, userId: user.id });
    }
    const groups = await ctx.store.getGroupsOfUser({ userId: user.id });
    expect(new Set(groups.map((g) => g.organizationId))).toEqual(new Set([live.id]));
    expect(groups).toHaveLength(2); // Everyone and the explicit group
    const memberships = await ctx.store.getOrganizationMembershipsOfUser({ userId: user.id });
    expect(memberships.map((m) => m.organizationId)).toEqual([live.id]);
  });
});
