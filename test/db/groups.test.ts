import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { groups, users } from '../../db/schema/index.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('groups', () => {
  it('inserts, gets by id and name, updates and deletes a group', async () => {
    const org = await createOrganization(ctx.db);
    const group = await ctx.store.insertGroup({
      organizationId: org.id,
      name: 'devs',
      quotaAllowance: 3,
    });
    expect(group).toMatchObject({ name: 'devs', quotaAllowance: 3, organizationId: org.id });
    expect((await ctx.store.getGroupByName({ organizationId: org.id, name: 'devs' })).id).toBe(
      group.id,
    );
    const updated = await ctx.store.updateGroup({
      id: group.id,
      name: 'developers',
      displayName: 'Devs',
    });
    expect(updated).toMatchObject({ name: 'developers', displayName: 'Devs' });
    await ctx.store.deleteGroup({ id: group.id });
    await expect(ctx.store.getGroupById({ id: group.id })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('rejects a duplicate name in one org but allows it in another', async () => {
    const [a, b] = [await createOrganization(ctx.db), await createOrganization(ctx.db)];
    await createGroup(ctx.db, { organizationId: a.id, name: 'same' });
    await expect(
      ctx.store.insertGroup({ organizationId: a.id, name: 'same' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      constraint: 'groups_organization_id_name_key',
    });
    expect(
      (await ctx.store.insertGroup({ organizationId: b.id, name: 'same' })).organizationId,
    ).toBe(b.id);
  });

  it('refuses to delete, rename or add members to the Everyone group', async () => {
    const org = await createOrganization(ctx.db);
    const user = await createUser(ctx.db);
    await expect(ctx.store.deleteGroup({ id: org.id })).rejects.toMatchObject({
      code: 'invalid_input',
    });
    await expect(ctx.store.updateGroup({ id: org.id, name: 'All' })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'name',
    });
    await expect(
      ctx.store.insertGroupMember({ groupId: org.id, userId: user.id }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'groupId' });
    expect((await ctx.store.getGroupById({ id: org.id })).name).toBe('Everyone');
  });

  it('lists groups of an org with paging and the where option', async () => {
    const org = await createOrganization(ctx.db);
    for (const name of ['g-a', 'g-b', 'g-c'])
      await createGroup(ctx.db, { organizationId: org.id, name });
    const all = await ctx.store.listGroups({ organizationId: org.id });
    expect(all.map((g) => g.name)).toEqual(['Everyone', 'g-a', 'g-b', 'g-c']);
    const page = await ctx.store.listGroups(
      { organizationId: org.id, limit: 1, offset: 1 },
      { where: eq(groups.name, 'g-c') },
    );
    expect(page).toEqual([]);
    const first = await ctx.store.listGroups(
      { organizationId: org.id, limit: 1 },
      { where: eq(groups.name, 'g-c') },
    );
    expect(first.map((g) => g.name)).toEqual(['g-c']);
  });

  it('adds, lists, counts and removes explicit members', async () => {
    const group = await createGroup(ctx.db);
    const a = await createUser(ctx.db, { username: 'gm-a' });
    const b = await createUser(ctx.db, { username: 'gm-b' });
    await createMember(ctx.db, { organizationId: group.organizationId, userId: a.id });
    await ctx.store.insertGroupMember({ groupId: group.id, userId: a.id });
    await createGroupMember(ctx.db, { groupId: group.id, userId: b.id });
    await expect(
      ctx.store.insertGroupMember({ groupId: group.id, userId: a.id }),
    ).rejects.toMatchObject({ code: 'conflict', constraint: 'group_members_pkey' });
    const members = await ctx.store.listGroupMembers({ groupId: group.id });
    expect(members.map((m) => [m.groupId, m.username])).toEqual([
      [group.id, 'gm-a'],
      [group.id, 'gm-b'],
    ]);
    expect(
      await ctx.store.countGroupMembers({ groupId: group.id }, { where: eq(users.id, b.id) }),
    ).toBe(1);
    await ctx.store.deleteGroupMember({ groupId: group.id, userId: a.id });
    expect(await ctx.store.countGroupMembers({ groupId: group.id })).toBe(1);
    await expect(
      ctx.store.deleteGroupMember({ groupId: group.id, userId: a.id }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it("refuses to add a user who is not a member of the group's organization", async () => {
    const group = await createGroup(ctx.db);
    const elsewhere = await createOrganization(ctx.db);
    const outsider = await createUser(ctx.db);
    await createMember(ctx.db, { organizationId: elsewhere.id, userId: outsider.id });
    await expect(
      ctx.store.insertGroupMember({ groupId: group.id, userId: outsider.id }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'userId',
      message: "invalid input at userId: not a member of the group's organization",
    });
    expect(await ctx.store.countGroupMembers({ groupId: group.id })).toBe(0);
  });

  it("lists the org's members as the Everyone group's members", async () => {
    const org = await createOrganization(ctx.db);
    const inside = await createUser(ctx.db, { username: 'ev-in' });
    await createUser(ctx.db, { username: 'ev-out' });
    await createMember(ctx.db, { organizationId: org.id, userId: inside.id });
    const members = await ctx.store.listGroupMembers({ groupId: org.id });
    expect(members.map((m) => m.username)).toEqual(['ev-in']);
  });
});
