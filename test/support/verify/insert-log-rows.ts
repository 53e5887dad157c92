import type { Database } from '../../../db/database.ts';
import * as s from '../../../db/schema/index.ts';
import { createTemplateVersion } from '../factories/templates.ts';
import { createAgent, createBuild } from '../factories/workspaces.ts';
import type { Random } from './random.ts';
import type { WorldPlan } from './world-plan.ts';

/** The log, secret and daemon rows `insertLogRows` inserted, ids included: the lists' ground truth. */
export interface SeededLogRows {
  readonly boundaryLogs: readonly { id: string; ownerId: string; allowed: boolean }[];
  readonly connectionLogs: readonly { id: string; organizationId: string }[];
  readonly auditLogs: readonly { id: string; organizationId: string | null }[];
  readonly userSecrets: readonly { id: string; userId: string }[];
  readonly daemons: readonly {
    id: string;
    organizationId: string;
    tags: Record<string, string>;
  }[];
}

/**
 * Inserts `rows` hostile rows into each of the log, secret and daemon tables of an inserted world:
 * boundary logs whose owner is not the workspace's owner, connection and audit logs in orgs the
 * subjects are and are not in (audit logs also with no org, or an org id that names no row),
 * user secrets of many users, and provisioner daemons with user, org and malformed scope tags.
 * Every id is chosen here, so the returned rows are exactly what went in.
 */
export async function insertLogRows(
  db: Database,
  world: WorldPlan,
  random: Random,
  rows: number,
): Promise<SeededLogRows> {
  const hot = world.orgs.filter((o) => o.hot).map((o) => o.id);
  const users = world.users.filter((u) => !u.deleted).map((u) => u.id);
  const live = world.workspaces.filter((w) => !w.deleted).slice(0, 3);
  const agents: { workspace: (typeof live)[number]; agent: { id: string } }[] = [];
  for (const workspace of live) {
    const version = await createTemplateVersion(db, {
      organizationId: workspace.organizationId,
      templateId: workspace.templateId,
      createdBy: workspace.ownerId, // a world user: the factory would otherwise add one
    });
    const build = await createBuild(db, {
      workspaceId: workspace.id,
      templateVersionId: version.id,
    });
    agents.push({ workspace, agent: await createAgent(db, { buildId: build.id }) });
  }
  const time = (i: number) => new Date(Date.UTC(2024, 5, 1, 0, i));
  const boundaryLogs = Array.from({ length: rows }, (_, i) => {
    const { workspace, agent } = random.pick(agents);
    return {
      id: random.uuid(),
      time: time(i),
      url: `https://example.com/${i}`,
      allowed: random.chance(0.5),
      ownerId: random.chance(0.5) ? workspace.ownerId : random.pick(users),
      organizationId: random.pick(hot),
      workspaceId: workspace.id,
      agentId: agent.id,
    };
  });
  await db.insert(s.boundaryLogs).values(boundaryLogs);
  const connectionLogs = Array.from({ length: rows }, (_, i) => {
    const workspace = random.pick(world.workspaces);
    return {
      id: random.uuid(),
      connectionId: random.uuid(),
      organizationId: random.chance(0.8) ? workspace.organizationId : random.pick(world.orgs).id,
      workspaceOwnerId: random.chance(0.7) ? workspace.ownerId : random.pick(users),
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      agentName: 'main',
      type: 'ssh' as const,
      connectTime: time(i),
    };
  });
  await db.insert(s.connectionLogs).values(connectionLogs);
  const auditLogs = Array.from({ length: rows }, (_, i) => ({
    id: random.uuid(),
    action: 'create' as const,
    resourceType: 'workspace',
    resourceId: random.uuid(),
    statusCode: 201,
    time: time(i),
    userId: random.chance(0.8) ? random.pick(users) : null,
    organizationId: random.pick([
      random.pick(hot),
      random.pick(hot),
      null,
      world.phantoms.org,
      random.pick(world.orgs).id,
    ]),
  }));
  await db.insert(s.auditLogs).values(auditLogs);
  const userSecrets = Array.from({ length: rows }, (_, i) => ({
    id: random.uuid(),
    userId: random.pick(users.slice(0, 6)), // the users whose secret lists are verified
    name: `verify-secret-${i}`,
    value: 'hunter2',
  }));
  await db.insert(s.userSecrets).values(userSecrets);
  const tagsOf = () =>
    random.pick<Record<string, string>>([
      { scope: 'organization' },
      { scope: 'user', owner: random.pick(users) },
      { scope: 'user', owner: random.pick(users) },
      { scope: 'user', owner: '' },
      { scope: 'user' },
      { scope: 'USER', owner: random.pick(users) },
      { owner: random.pick(users) },
      {},
    ]);
  const daemons = Array.from({ length: rows }, (_, i) => ({
    id: random.uuid(),
    name: `verify-daemon-${i}`,
    organizationId: random.chance(0.85) ? random.pick(hot) : random.pick(world.orgs).id,
    tags: tagsOf(),
  }));
  await db.insert(s.provisionerDaemons).values(daemons);
  return { boundaryLogs, connectionLogs, auditLogs, userSecrets, daemons };
}
