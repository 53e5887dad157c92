import { randomUUID } from 'node:crypto';
import type { RawStore } from '../../../db/queries/index.ts';
import type { User } from '../../../db/types.ts';
import type { SeededWorkspace } from './seed-workspace.ts';

const DAY = 86_400_000;

/** How many log rows of each kind the demo seeds for one workspace. */
export interface SeededLogCounts {
  readonly connectionLogs: number;
  readonly boundaryLogs: number;
}

/**
 * Activity on a running workspace: `recent` connection logs from the last day plus one from 120
 * days ago (what a purge removes), a boundary session with allowed and denied requests (one old),
 * and an audit entry for its start.
 */
export async function seedActivity(
  raw: RawStore,
  input: { ws: SeededWorkspace; owner: User; recent: number },
): Promise<SeededLogCounts> {
  const { workspace, agent } = input.ws;
  const placement = {
    ownerId: workspace.ownerId,
    organizationId: workspace.organizationId,
    workspaceId: workspace.id,
    agentId: agent.id,
  };
  const now = Date.now();
  const times = [
    ...Array.from({ length: input.recent }, (_, i) => new Date(now - (i + 1) * 3_600_000)),
    new Date(now - 120 * DAY),
  ];
  const types = ['ssh', 'vscode', 'port_forwarding', 'workspace_app'] as const;
  for (const [i, time] of times.entries()) {
    await raw.upsertConnectionLog({
      event: 'connect',
      time,
      connectionId: randomUUID(),
      organizationId: workspace.organizationId,
      workspaceOwnerId: workspace.ownerId,
      workspaceId: workspace.id,
      workspaceName: workspace.name,
      agentName: agent.name,
      type: types[i % types.length] ?? 'ssh',
      userId: input.owner.id,
      ip: `10.0.0.${i + 10}`,
    });
  }
  const session = await raw.insertBoundarySession(placement);
  const logs = [
    {
      time: new Date(now - 60_000),
      method: 'GET',
      url: 'https://github.com/acme/app',
      allowed: true,
    },
    {
      time: new Date(now - 50_000),
      method: 'POST',
      url: 'https://pastebin.com/api',
      allowed: false,
      matchedRule: 'deny *.pastebin.com',
    },
    {
      time: new Date(now - 40_000),
      method: 'GET',
      url: 'https://registry.npmjs.org/zod',
      allowed: true,
    },
    {
      time: new Date(now - 100 * DAY),
      method: 'GET',
      url: 'https://example.com/old',
      allowed: true,
    },
  ];
  await raw.insertBoundaryLogs({ ...placement, sessionId: session.id, logs });
  await raw.insertAuditLog({
    userId: input.owner.id,
    organizationId: workspace.organizationId,
    action: 'start',
    resourceType: 'workspace',
    resourceId: workspace.id,
    resourceTarget: workspace.name,
    statusCode: 201,
  });
  return { connectionLogs: times.length, boundaryLogs: logs.length };
}
