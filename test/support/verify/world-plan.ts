import { PREBUILDS_USER_ID } from '../../../src/dbauthz/system-actors/system-actors.ts';
import { hostileAcl } from './hostile-acl.ts';
import type { Random } from './random.ts';

/** A user row of the plan (the prebuilds system user is seeded by a migration, not by the plan). */
export interface PlannedUser {
  readonly id: string;
  readonly username: string;
  readonly status: 'active' | 'dormant' | 'suspended';
  readonly deleted: boolean;
}

/** An organization row of the plan; `hot` ones are where most roles, groups and rows live. */
export interface PlannedOrg {
  readonly id: string;
  readonly name: string;
  readonly deleted: boolean;
  readonly hot: boolean;
}

/** A group row of the plan (the Everyone groups, id = org id, come with their orgs). */
export interface PlannedGroup {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly members: readonly string[];
}

/** A template row of the plan, with hostile ACLs. */
export interface PlannedTemplate {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly deleted: boolean;
  readonly userAcl: Record<string, string[]>;
  readonly groupAcl: Record<string, string[]>;
}

/** A workspace row of the plan: dormant, prebuilt, deleted and shared ones included. */
export interface PlannedWorkspace {
  readonly id: string;
  readonly ownerId: string;
  readonly organizationId: string;
  readonly templateId: string;
  readonly name: string;
  readonly dormantAt: Date | null;
  readonly deleted: boolean;
  readonly userAcl: Record<string, string[]>;
  readonly groupAcl: Record<string, string[]>;
}

/** A custom org role row of the plan (its permissions do not matter to the list filter). */
export interface PlannedCustomRole {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
}

/** An API key row of the plan; most belong to the first few users (whose key lists are verified). */
export interface PlannedApiKey {
  readonly id: string;
  readonly userId: string;
}

/**
 * Every row the verification suite works with, as plain data: subjects are drawn from it (their
 * ids, orgs, groups, allow-list ids) and the differential test inserts it into PostgreSQL.
 */
export interface WorldPlan {
  readonly users: readonly PlannedUser[];
  readonly orgs: readonly PlannedOrg[];
  readonly groups: readonly PlannedGroup[];
  /** (user, org) memberships; subjects' org roles are drawn independently of them. */
  readonly members: readonly { readonly userId: string; readonly organizationId: string }[];
  readonly templates: readonly PlannedTemplate[];
  readonly workspaces: readonly PlannedWorkspace[];
  readonly customRoles: readonly PlannedCustomRole[];
  readonly apiKeys: readonly PlannedApiKey[];
  /** Ids that name no row: a subject with one is a stranger, an org role on one is in no org. */
  readonly phantoms: { readonly user: string; readonly org: string; readonly group: string };
}

const HOT_ORGS = 4;

/** Plans a world of `rows` live users, organizations, templates and workspaces (at least 6 orgs). */
export function planWorld(random: Random, rows: number): WorldPlan {
  // `rows` live users and orgs, plus a fifth as many soft-deleted ones (lists must never show them).
  const extra = Math.ceil(rows / 5);
  const users: PlannedUser[] = Array.from({ length: rows + extra }, (_, i) => ({
    id: random.uuid(),
    username: `verify-user-${i}`,
    status: random.pick(['active', 'active', 'active', 'dormant', 'suspended'] as const),
    deleted: i >= rows,
  }));
  const orgs: PlannedOrg[] = Array.from({ length: Math.max(rows, 6) + extra }, (_, i) => ({
    id: random.uuid(),
    name: `verify-org-${i}`,
    deleted: i >= Math.max(rows, 6),
    hot: i < HOT_ORGS,
  }));
  const hot = orgs.filter((o) => o.hot);
  const userIds = users.map((u) => u.id);
  const groups: PlannedGroup[] = hot.flatMap((org, o) =>
    [0, 1].map((g) => ({
      id: random.uuid(),
      organizationId: org.id,
      name: `verify-group-${o}-${g}`,
      members: random.subset(userIds, 0.3),
    })),
  );
  const members = hot.flatMap((org) =>
    random.subset(userIds, 0.5).map((userId) => ({ userId, organizationId: org.id })),
  );
  const phantoms = { user: random.uuid(), org: random.uuid(), group: random.uuid() };
  const context = { users: userIds, orgs: orgs.map((o) => o.id), groups, phantoms };

  const templates: PlannedTemplate[] = Array.from({ length: rows }, (_, i) => {
    const org = random.chance(0.85) ? random.pick(hot) : random.pick(orgs);
    return {
      id: random.uuid(),
      organizationId: org.id,
      name: `verify-template-${i}`,
      createdBy: random.pick(userIds),
      deleted: random.chance(0.15),
      userAcl: hostileAcl(random, context, org.id, 'user', ['read', 'use', 'update']),
      groupAcl: hostileAcl(random, context, org.id, 'group', ['read', 'use', 'update']),
    };
  });
  const liveTemplatesOf = (orgId: string) => templates.filter((t) => t.organizationId === orgId);
  const workspaces: PlannedWorkspace[] = Array.from({ length: rows }, (_, i) => {
    const org = random.pick(hot);
    const candidates = liveTemplatesOf(org.id);
    const template = candidates.length > 0 ? random.pick(candidates) : random.pick(templates);
    return {
      id: random.uuid(),
      ownerId: random.chance(0.15) ? PREBUILDS_USER_ID : random.pick(userIds),
      organizationId: org.id,
      templateId: template.id,
      name: `verify-ws-${i}`,
      dormantAt: random.chance(0.25) ? new Date(Date.UTC(2024, 0, 1 + random.int(300))) : null,
      deleted: random.chance(0.15),
      userAcl: hostileAcl(random, context, org.id, 'user', ['read', 'ssh', 'update']),
      groupAcl: hostileAcl(random, context, org.id, 'group', ['read', 'ssh', 'update']),
    };
  });
  const customRoles: PlannedCustomRole[] = Array.from({ length: rows }, (_, i) => ({
    id: random.uuid(),
    organizationId: random.chance(0.8) ? random.pick(hot).id : random.pick(orgs).id,
    name: `verify-role-${i}`,
  }));
  const keyOwners = [...userIds.slice(0, 8), PREBUILDS_USER_ID];
  const apiKeys: PlannedApiKey[] = Array.from({ length: rows }, (_, i) => ({
    id: `vk${String(i).padStart(8, '0')}`,
    userId: random.chance(0.8) ? random.pick(keyOwners) : random.pick(userIds),
  }));
  return { users, orgs, groups, members, templates, workspaces, customRoles, apiKeys, phantoms };
}
