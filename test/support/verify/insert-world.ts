import type { Database } from '../../../db/database.ts';
import * as s from '../../../db/schema/index.ts';
import type { WorldPlan } from './world-plan.ts';

/**
 * Inserts a planned world straight into the tables (no store validation, so hostile ACL keys and
 * actions land as they are): users, orgs with their Everyone groups, groups and members,
 * memberships, templates and workspaces.
 */
export async function insertWorld(db: Database, world: WorldPlan): Promise<void> {
  await db.insert(s.users).values(
    world.users.map((u) => ({
      id: u.id,
      username: u.username,
      email: `${u.username}@verify.example`,
      status: u.status,
      deleted: u.deleted,
    })),
  );
  await db
    .insert(s.organizations)
    .values(world.orgs.map((o) => ({ id: o.id, name: o.name, deleted: o.deleted })));
  await db
    .insert(s.groups)
    .values([
      ...world.orgs.map((o) => ({ id: o.id, organizationId: o.id, name: 'Everyone' })),
      ...world.groups.map((g) => ({ id: g.id, organizationId: g.organizationId, name: g.name })),
    ]);
  const groupMembers = world.groups.flatMap((g) =>
    g.members.map((userId) => ({ groupId: g.id, userId })),
  );
  if (groupMembers.length > 0) await db.insert(s.groupMembers).values(groupMembers);
  if (world.members.length > 0) {
    await db.insert(s.organizationMembers).values(world.members.map((m) => ({ ...m, roles: [] })));
  }
  await db.insert(s.templates).values(world.templates.map((t) => ({ ...t })));
  await db.insert(s.workspaces).values(world.workspaces.map((w) => ({ ...w })));
  await db.insert(s.customRoles).values(world.customRoles.map((r) => ({ ...r })));
  await db.insert(s.apiKeys).values(
    world.apiKeys.map((k) => ({
      ...k,
      hashedSecret: Buffer.from(k.id),
      expiresAt: new Date(Date.UTC(2099, 0, 1)),
    })),
  );
}
