import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { customRoles } from '../../db/schema/index.ts';
import { createCustomRole, createOrganization } from '../support/factories/index.ts';
import { useStore } from './use-store.ts';

const ctx = useStore();

describe('custom roles', () => {
  it('inserts a role with permissions per level, negate defaulting to false', async () => {
    const org = await createOrganization(ctx.db);
    const role = await ctx.store.insertCustomRole({
      organizationId: org.id,
      name: 'viewer',
      displayName: 'Viewer',
      orgPermissions: [{ type: 'workspace', action: 'read' }],
      memberPermissions: [{ type: 'workspace', action: 'ssh', negate: true }],
    });
    expect(role).toMatchObject({
      name: 'viewer',
      isSystem: false,
      sitePermissions: [],
      orgPermissions: [{ type: 'workspace', action: 'read', negate: false }],
      memberPermissions: [{ type: 'workspace', action: 'ssh', negate: true }],
    });
  });

  it('rejects a permission without an action, writing nothing', async () => {
    const org = await createOrganization(ctx.db);
    await expect(
      ctx.store.insertCustomRole({
        organizationId: org.id,
        name: 'broken',
        orgPermissions: [{ type: 'workspace', action: '' }],
      }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'orgPermissions.0.action' });
    const rows = await ctx.db
      .select()
      .from(customRoles)
      .where(eq(customRoles.organizationId, org.id));
    expect(rows).toEqual([]);
  });

  it('keeps names unique per org, updates and deletes by name', async () => {
    const org = await createOrganization(ctx.db);
    await createCustomRole(ctx.db, { organizationId: org.id, name: 'ops' });
    await expect(
      ctx.store.insertCustomRole({ organizationId: org.id, name: 'ops' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      constraint: 'custom_roles_organization_id_name_lower_idx',
    });
    const updated = await ctx.store.updateCustomRole({
      organizationId: org.id,
      name: 'ops',
      sitePermissions: [{ type: 'template', action: 'read' }],
    });
    expect(updated.sitePermissions).toEqual([{ type: 'template', action: 'read', negate: false }]);
    await ctx.store.deleteCustomRole({ organizationId: org.id, name: 'ops' });
    await expect(
      ctx.store.deleteCustomRole({ organizationId: org.id, name: 'ops' }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists roles of an org and fetches roles by (org, name) pairs', async () => {
    const [a, b] = [await createOrganization(ctx.db), await createOrganization(ctx.db)];
    await createCustomRole(ctx.db, { organizationId: a.id, name: 'r-one' });
    await createCustomRole(ctx.db, { organizationId: a.id, name: 'r-two' });
    await createCustomRole(ctx.db, { organizationId: b.id, name: 'r-one' });
    expect((await ctx.store.listCustomRoles({ organizationId: a.id })).map((r) => r.name)).toEqual([
      'r-one',
      'r-two',
    ]);
    expect(
      await ctx.store.listCustomRoles({ organizationId: a.id }, { where: sql`false` }),
    ).toEqual([]);
    const found = await ctx.store.getCustomRolesByNames({
      roles: [
        { organizationId: b.id, name: 'r-one' },
        { organizationId: a.id, name: 'r-two' },
        { organizationId: b.id, name: 'r-two' },
      ],
    });
    expect(found.map((r) => [r.organizationId, r.name]).sort()).toEqual(
      [
        [b.id, 'r-one'],
        [a.id, 'r-two'],
      ].sort(),
    );
    expect(await ctx.store.getCustomRolesByNames({ roles: [] })).toEqual([]);
  });
});
