import { groupMemberObject } from '../../../src/dbauthz/resources/group-members.ts';
import { type RegisteredResource, resources } from '../../../src/dbauthz/resources/index.ts';
import { PREBUILDS_USER_ID } from '../../../src/dbauthz/system-actors/system-actors.ts';
import type { RbacObject } from '../../../src/rbac/index.ts';
import type { SeededLogRows } from './insert-log-rows.ts';
import type { WorldPlan } from './world-plan.ts';

/** A row as a list method returns it. */
export type ListedRow = Record<string, unknown>;

/** A list input. */
export type ListInput = Record<string, unknown>;

/** Every row the suite inserted: the planned world and the log, secret and daemon rows. */
export interface SeededWorld {
  readonly world: WorldPlan;
  readonly logs: SeededLogRows;
}

/**
 * One SQL-filtered table under verification: its list and count methods, the inputs to list with,
 * and the row -> object mapper the authorized store itself uses.
 */
export interface VerifiedTable {
  /** The table's name, for messages. */
  readonly table: string;
  /** The store's list method over it. */
  readonly list: string;
  /** The store's count method with the same filters, if it has one. */
  readonly count?: string;
  /** Inputs to list with (e.g. live and soft-deleted rows, one per parent). */
  readonly inputs: (world: WorldPlan) => readonly ListInput[];
  /**
   * The rows an unfiltered list returns for `input`, worked out from what was inserted (never from
   * the raw store, so a raw query bug cannot move the expectation along with the answer).
   */
  readonly expected: (seeded: SeededWorld, input: ListInput) => readonly ListedRow[];
  /** Whether the list takes `limit` / `offset`. */
  readonly paged: boolean;
  /** A row's identity within one input's list. */
  readonly key: (row: ListedRow) => string;
  /** The row as the RBAC object the store authorizes (the store's own mapper). */
  readonly object: (row: ListedRow, input: ListInput, world: WorldPlan) => RbacObject;
  /** A point getter that must agree with the list, row by row. */
  readonly get?: { readonly method: string; readonly input: (row: ListedRow) => object };
}

const byId = (row: ListedRow) => String(row.id);
/** The row mapper of the registered resource over `table` (the store's own). */
const objectOf =
  (table: keyof typeof resources) =>
  (row: ListedRow): RbacObject =>
    (resources[table] as RegisteredResource).binding.object(row);
const hotOrgs = (world: WorldPlan) => world.orgs.filter((o) => o.hot).map((o) => o.id);
const liveUsers = (world: WorldPlan) =>
  new Set(world.users.filter((u) => !u.deleted).map((u) => u.id));
/** Whether a row passes an optional `organizationId` filter of the input. */
const inOrg = (input: ListInput, organizationId: string | null) =>
  input.organizationId === undefined || input.organizationId === organizationId;
/** The members of a group (the org's members for the Everyone group, whose id is the org id). */
function groupMemberIds(world: WorldPlan, groupId: string): readonly string[] {
  const group = world.groups.find((g) => g.id === groupId);
  if (group !== undefined) return group.members;
  return world.members.filter((m) => m.organizationId === groupId).map((m) => m.userId);
}

/** Every table whose list the suite verifies (each runs once its list is declared in the store). */
export const verifiedTables: readonly VerifiedTable[] = [
  {
    table: 'users',
    list: 'listUsers',
    count: 'countUsers',
    inputs: () => [{}, { includeSystem: false }],
    expected: ({ world }, input) => [
      ...world.users.filter((u) => !u.deleted).map((u) => ({ id: u.id })),
      ...(input.includeSystem === false ? [] : [{ id: PREBUILDS_USER_ID }]), // seeded by a migration
    ],
    paged: true,
    key: byId,
    object: objectOf('users'),
    get: { method: 'getUserById', input: (row) => ({ id: row.id }) },
  },
  {
    table: 'organizations',
    list: 'listOrganizations',
    count: 'countOrganizations',
    inputs: (world) => [{}, { memberUserId: world.users[0]!.id }],
    expected: ({ world }, input) =>
      world.orgs
        .filter((o) => !o.deleted)
        .filter(
          (o) =>
            input.memberUserId === undefined ||
            world.members.some((m) => m.organizationId === o.id && m.userId === input.memberUserId),
        )
        .map((o) => ({ id: o.id })),
    paged: true,
    key: byId,
    object: objectOf('organizations'),
    get: { method: 'getOrganizationById', input: (row) => ({ id: row.id }) },
  },
  {
    table: 'organization_members',
    list: 'listOrganizationMembers',
    count: 'countOrganizationMembers',
    inputs: (world) => hotOrgs(world).map((organizationId) => ({ organizationId })),
    // Memberships of deleted users are listed too (only the organization is filtered).
    expected: ({ world }, input) =>
      world.members.filter((m) => m.organizationId === input.organizationId).map((m) => ({ ...m })),
    paged: true,
    key: (row) => `${String(row.organizationId)}/${String(row.userId)}`,
    object: objectOf('organization_members'),
    get: {
      method: 'getOrganizationMember',
      input: (row) => ({ organizationId: row.organizationId, userId: row.userId }),
    },
  },
  {
    table: 'groups',
    list: 'listGroups',
    inputs: (world) => [{}, { organizationId: hotOrgs(world)[0] }],
    expected: ({ world }, input) =>
      [
        ...world.orgs.map((o) => ({ id: o.id, organizationId: o.id })), // the Everyone groups
        ...world.groups.map((g) => ({ id: g.id, organizationId: g.organizationId })),
      ].filter((g) => inOrg(input, g.organizationId)),
    paged: true,
    key: byId,
    object: objectOf('groups'),
    get: { method: 'getGroupById', input: (row) => ({ id: row.id }) },
  },
  {
    table: 'group_members',
    list: 'listGroupMembers',
    count: 'countGroupMembers',
    inputs: (world) => [
      ...world.groups.slice(0, 4).map((g) => ({ groupId: g.id })),
      ...hotOrgs(world)
        .slice(0, 2)
        .map((org) => ({ groupId: org })), // the Everyone groups
    ],
    expected: ({ world }, input) => {
      const live = liveUsers(world);
      return groupMemberIds(world, String(input.groupId))
        .filter((userId) => live.has(userId))
        .map((userId) => ({ userId }));
    },
    paged: true,
    key: (row) => String(row.userId),
    object: (row, input, world) => {
      const id = String(input.groupId);
      const organizationId = world.groups.find((g) => g.id === id)?.organizationId ?? id;
      return groupMemberObject({ organizationId }, String(row.userId));
    },
  },
  {
    table: 'custom_roles',
    list: 'listCustomRoles',
    inputs: (world) => [{}, { organizationId: hotOrgs(world)[1] }],
    expected: ({ world }, input) =>
      world.customRoles.filter((r) => inOrg(input, r.organizationId)).map((r) => ({ ...r })),
    paged: true,
    key: byId,
    object: objectOf('custom_roles'),
  },
  {
    table: 'api_keys',
    list: 'listApiKeysByUser',
    count: 'countApiKeysByUser',
    inputs: (world) =>
      [...new Set(world.apiKeys.map((k) => k.userId))].map((userId) => ({ userId })),
    expected: ({ world }, input) =>
      world.apiKeys.filter((k) => k.userId === input.userId).map((k) => ({ ...k })),
    paged: true,
    key: byId,
    object: objectOf('api_keys'),
    get: { method: 'getApiKeyById', input: (row) => ({ id: row.id }) },
  },
  {
    table: 'templates',
    list: 'listTemplates',
    count: 'countTemplates',
    inputs: () => [{}, { deleted: true }],
    expected: ({ world }, input) =>
      world.templates.filter((t) => t.deleted === (input.deleted ?? false)).map((t) => ({ ...t })),
    paged: true,
    key: byId,
    object: objectOf('templates'),
    get: { method: 'getTemplateById', input: (row) => ({ id: row.id }) },
  },
  {
    table: 'workspaces',
    list: 'listWorkspaces',
    count: 'countWorkspaces',
    inputs: () => [{}, { deleted: true }, { dormant: true }],
    expected: ({ world }, input) =>
      world.workspaces
        .filter((w) => w.deleted === (input.deleted ?? false))
        .filter((w) => input.dormant === undefined || (w.dormantAt !== null) === input.dormant)
        .map((w) => ({ ...w })),
    paged: true,
    key: byId,
    object: objectOf('workspaces'),
    get: { method: 'getWorkspaceById', input: (row) => ({ id: row.id }) },
  },

  {
    table: 'provisioner_daemons',
    list: 'listProvisionerDaemons',
    inputs: (world) => [{}, { organizationId: hotOrgs(world)[0] }],
    expected: ({ logs }, input) =>
      logs.daemons.filter((d) => inOrg(input, d.organizationId)).map((d) => ({ ...d })),
    paged: true,
    key: byId,
    object: objectOf('provisioner_daemons'),
  },
  {
    table: 'boundary_logs',
    list: 'listBoundaryLogs',
    count: 'countBoundaryLogs',
    inputs: () => [{}, { allowed: true }],
    expected: ({ logs }, input) =>
      logs.boundaryLogs
        .filter((l) => input.allowed === undefined || l.allowed === input.allowed)
        .map((l) => ({ ...l })),
    paged: true,
    key: byId,
    object: objectOf('boundary_logs'),
  },
  {
    table: 'connection_logs',
    list: 'listConnectionLogs',
    count: 'countConnectionLogs',
    inputs: () => [{}],
    expected: ({ logs }) => logs.connectionLogs.map((l) => ({ ...l })),
    paged: true,
    key: byId,
    object: objectOf('connection_logs'),
  },
  {
    table: 'audit_logs',
    list: 'listAuditLogs',
    count: 'countAuditLogs',
    inputs: () => [{}],
    expected: ({ logs }) => logs.auditLogs.map((l) => ({ ...l })),
    paged: true,
    key: byId,
    object: objectOf('audit_logs'),
  },
  {
    table: 'user_secrets',
    list: 'listUserSecrets',
    count: 'countUserSecrets',
    inputs: (world) => world.users.slice(0, 6).map((u) => ({ userId: u.id })),
    expected: ({ logs }, input) =>
      logs.userSecrets.filter((x) => x.userId === input.userId).map((x) => ({ ...x })),
    paged: true,
    key: byId,
    object: objectOf('user_secrets'),
  },
];
