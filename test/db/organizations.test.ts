import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { translateDbError } from '../../db/errors.ts';
import { groups, organizations } from '../../db/schema/index.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('organizations', () => {
  it('inserts an org with its defaults and its Everyone group (id = org id)', async () => {
    const org = await ctx.store.insertOrganization({ name: 'acme' });
    expect(org).toMatchObject({
      name: 'acme',
      displayName: 'acme',
      defaultOrgMemberRoles: ['organization-workspace-access'],
      shareableWorkspaceOwners: 'everyone',
      deleted: false,
    });
    const everyone = await ctx.store.getGroupById({ id: org.id });
    expect(everyone).toMatchObject({ name: 'Everyone', organizationId: org.id });
  });

  it('writes neither the org nor its Everyone group when the name is taken', async () => {
    await createOrganization(ctx.db, { name: 'clash' });
    const count = async () =>
      (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(groups))[0]!.n;
    const before = await count();
    await expect(ctx.store.insertOrganization({ name: 'clash' })).rejects.toMatchObject({
      code: 'conflict',
      constraint: 'organizations_name_lower_idx',
    });
    expect(await count()).toBe(before);
  });

  it('rejects an unknown workspace sharing setting before any SQL', async () => {
    await expect(
      ctx.store.insertOrganization({
        name: 'bad-share',
        shareableWorkspaceOwners: 'anyone' as 'none',
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'shareableWorkspaceOwners' });
    await expect(ctx.store.getOrganizationByName({ name: 'bad-share' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('enforces the sharing setting with a CHECK constraint too', async () => {
    const org = await createOrganization(ctx.db);
    const error = await ctx.db
      .execute(
        sql`UPDATE organizations SET shareable_workspace_owners = 'anyone' WHERE id = ${org.id}`,
      )
      .catch(translateDbError);
    expect(error).toMatchObject({
      code: 'invalid_input',
      field: 'organizations_shareable_workspace_owners_check',
    });
  });

  it('gets, updates and soft-deletes an org, freeing its name', async () => {
    const org = await createOrganization(ctx.db, { name: 'soft' });
    expect((await ctx.store.getOrganizationByName({ name: 'SOFT' })).id).toBe(org.id);
    const updated = await ctx.store.updateOrganization({
      id: org.id,
      displayName: 'Soft Co',
      shareableWorkspaceOwners: 'none',
    });
    expect(updated).toMatchObject({ displayName: 'Soft Co', shareableWorkspaceOwners: 'none' });
    await ctx.store.deleteOrganization({ id: org.id });
    expect((await ctx.store.getOrganizationById({ id: org.id })).deleted).toBe(true);
    await expect(ctx.store.getOrganizationByName({ name: 'soft' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(ctx.store.deleteOrganization({ id: org.id })).rejects.toMatchObject({
      code: 'not_found',
    });
    const again = await ctx.store.insertOrganization({ name: 'soft' });
    expect(again.id).not.toBe(org.id);
  });

  it('lists live orgs, by membership, with the where option and exact counts', async () => {
    const user = await createUser(ctx.db);
    const mine = [];
    for (const name of ['m-a', 'm-b', 'm-c']) {
      const org = await createOrganization(ctx.db, { name });
      await createMember(ctx.db, { organizationId: org.id, userId: user.id });
      mine.push(org);
    }
    await ctx.db
      .update(organizations)
      .set({ deleted: true })
      .where(eq(organizations.id, mine[2]!.id));
    const listed = await ctx.store.listOrganizations({ memberUserId: user.id });
    expect(listed.map((o) => o.name)).toEqual(['m-a', 'm-b']);
    const where = eq(organizations.name, 'm-b');
    expect(
      (await ctx.store.listOrganizations({ memberUserId: user.id }, { where })).map((o) => o.name),
    ).toEqual(['m-b']);
    expect(await ctx.store.countOrganizations({ memberUserId: user.id })).toBe(2);
    expect(await ctx.store.countOrganizations({ memberUserId: user.id }, { where })).toBe(1);
  });
});

describe('organization members', () => {
  it('gives a new member the org default roles unless roles are given', async () => {
    const org = await createOrganization(ctx.db, {
      defaultOrgMemberRoles: ['organization-auditor'],
    });
    const [a, b] = [await createUser(ctx.db), await createUser(ctx.db)];
    const ma = await ctx.store.insertOrganizationMember({ organizationId: org.id, userId: a.id });
    expect(ma.roles).toEqual(['organization-auditor']);
    const mb = await ctx.store.insertOrganizationMember({
      organizationId: org.id,
      userId: b.id,
      roles: ['organization-admin'],
    });
    expect(mb.roles).toEqual(['organization-admin']);
    await expect(
      ctx.store.insertOrganizationMember({ organizationId: org.id, userId: a.id }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'organization_members_pkey' });
  });

  it('raises invalid_reference for a member of a missing org', async () => {
    const user = await createUser(ctx.db);
    await expect(
      ctx.store.insertOrganizationMember({
        organizationId: '00000000-0000-4000-8000-0000000000aa',
        userId: user.id,
        roles: [],
      }),
    ).rejects.toMatchObject({ code: 'invalid_reference' });
  });

  it('updates roles, lists and counts members with user fields, and deletes', async () => {
    const org = await createOrganization(ctx.db);
    const alice = await createUser(ctx.db, { username: 'alice-m' });
    const bob = await createUser(ctx.db, { username: 'bob-m' });
    await createMember(ctx.db, { organizationId: org.id, userId: alice.id });
    await createMember(ctx.db, { organizationId: org.id, userId: bob.id });
    const updated = await ctx.store.updateOrganizationMemberRoles({
      organizationId: org.id,
      userId: bob.id,
      roles: ['organization-admin', 'organization-admin'],
    });
    expect(updated.roles).toEqual(['organization-admin']);
    const members = await ctx.store.listOrganizationMembers({ organizationId: org.id });
    expect(members.map((m) => [m.username, m.roles])).toEqual([
      ['alice-m', []],
      ['bob-m', ['organization-admin']],
    ]);
    expect(await ctx.store.countOrganizationMembers({ organizationId: org.id })).toBe(2);
    await ctx.store.deleteOrganizationMember({ organizationId: org.id, userId: alice.id });
    await expect(
      ctx.store.getOrganizationMember({ organizationId: org.id, userId: alice.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('returns a user roles, memberships and groups for building a subject', async () => {
    const user = await createUser(ctx.db, { rbacRoles: ['template-admin'] });
    const live = await createOrganization(ctx.db);
    const dead = await createOrganization(ctx.db);
    await createMember(ctx.db, {
      organizationId: live.id,
      userId: user.id,
      roles: ['organization-admin'],
    });
    await createMember(ctx.db, { organizationId: dead.id, userId: user.id });
    await ctx.db.update(organizations).set({ deleted: true }).where(eq(organizations.id, dead.id));
    const devs = await createGroup(ctx.db, { organizationId: live.id, name: 'devs' });
    await createGroup(ctx.db, { organizationId: live.id, name: 'ops' });
    await createGroupMember(ctx.db, { groupId: devs.id, userId: user.id });

    const memberships = await ctx.store.getOrganizationMembershipsOfUser({ userId: user.id });
    expect(memberships.map((m) => m.organizationId)).toEqual([live.id]);
    const roles = await ctx.store.getUserRoles({ userId: user.id });
    expect(roles).toMatchObject({
      id: user.id,
      siteRoles: ['template-admin'],
      orgRoles: [{ organizationId: live.id, roles: ['organization-admin'] }],
    });
    expect(new Set(roles.groupIds)).toEqual(new Set([live.id, devs.id]));
    const ofUser = await ctx.store.getGroupsOfUser({ userId: user.id });
    expect(ofUser.map((g) => g.name).sort()).toEqual(['Everyone', 'devs']);
    const groupCount = await ctx.db
      .select({ n: sql<number>`count(*)::int` })
      .from(groups)
      .where(eq(groups.organizationId, live.id));
    expect(groupCount[0]!.n).toBe(3);
  });
});
