import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/database.ts';
import * as s from '../../../db/schema/index.ts';
import type {
  AuditLog,
  BoundaryLog,
  BoundarySession,
  BoundaryUsageStats,
  ConnectionLog,
} from '../../../db/types.ts';
import { createAgent } from './workspaces.ts';

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

/** Where an agent lives: its workspace, that workspace's owner and org. */
export interface AgentPlacement {
  agentId: string;
  workspaceId: string;
  ownerId: string;
  organizationId: string;
  workspaceName: string;
}

/** Creates (or reads, given `agentId`) an agent and returns where it lives. */
export async function createAgentPlacement(
  db: Database,
  agentId?: string,
): Promise<AgentPlacement> {
  const id = agentId ?? (await createAgent(db)).id;
  const [row] = await db
    .select({
      agentId: s.workspaceAgents.id,
      workspaceId: s.workspaces.id,
      ownerId: s.workspaces.ownerId,
      organizationId: s.workspaces.organizationId,
      workspaceName: s.workspaces.name,
    })
    .from(s.workspaceAgents)
    .innerJoin(s.workspaceBuilds, eq(s.workspaceBuilds.id, s.workspaceAgents.buildId))
    .innerJoin(s.workspaces, eq(s.workspaces.id, s.workspaceBuilds.workspaceId))
    .where(eq(s.workspaceAgents.id, id));
  return row!;
}

/** Inserts a boundary session for an agent placement (a new one when none is given). */
export async function createBoundarySession(
  db: Database,
  placement?: AgentPlacement,
): Promise<BoundarySession> {
  const { workspaceName: _, ...where } = placement ?? (await createAgentPlacement(db));
  const [row] = await db.insert(s.boundarySessions).values(where).returning();
  return row!;
}

/** Inserts one allowed boundary log entry at `time` (now by default) for a placement. */
export async function createBoundaryLog(
  db: Database,
  placement: AgentPlacement,
  overrides: Insert<typeof s.boundaryLogs> = {},
): Promise<BoundaryLog> {
  const { workspaceName: _, ...where } = placement;
  const [row] = await db
    .insert(s.boundaryLogs)
    .values({
      time: new Date(),
      url: 'https://example.com/',
      allowed: true,
      ...where,
      ...overrides,
    })
    .returning();
  return row!;
}

/** Inserts one replica's boundary usage row (a random replica id by default). */
export async function createBoundaryUsageStats(
  db: Database,
  overrides: Insert<typeof s.boundaryUsageStats> = {},
): Promise<BoundaryUsageStats> {
  const [row] = await db
    .insert(s.boundaryUsageStats)
    .values({ replicaId: randomUUID(), ...overrides })
    .returning();
  return row!;
}

/** Inserts an open ssh connection log for a placement, connected at `connectTime` (now). */
export async function createConnectionLog(
  db: Database,
  placement: AgentPlacement,
  overrides: Insert<typeof s.connectionLogs> = {},
): Promise<ConnectionLog> {
  const [row] = await db
    .insert(s.connectionLogs)
    .values({
      connectionId: randomUUID(),
      organizationId: placement.organizationId,
      workspaceOwnerId: placement.ownerId,
      workspaceId: placement.workspaceId,
      workspaceName: placement.workspaceName,
      agentName: 'main',
      type: 'ssh',
      connectTime: new Date(),
      ...overrides,
    })
    .returning();
  return row!;
}

/** Inserts a site-wide `create` audit entry (override org, user, time as needed). */
export async function createAuditLog(
  db: Database,
  overrides: Insert<typeof s.auditLogs> = {},
): Promise<AuditLog> {
  const [row] = await db
    .insert(s.auditLogs)
    .values({
      action: 'create',
      resourceType: 'workspace',
      resourceId: randomUUID(),
      statusCode: 201,
      ...overrides,
    })
    .returning();
  return row!;
}
