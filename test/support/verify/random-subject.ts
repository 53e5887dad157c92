import { PREBUILDS_USER_ID } from '../../../src/dbauthz/system-actors/system-actors.ts';
import {
  type AllowListEntry,
  createSubject,
  defineRole,
  organizationMemberRole,
  organizationServiceAccountRole,
  orgRoleNames,
  type ResourceType,
  type Role,
  type RoleRef,
  type Scope,
  type ScopeSpec,
  type Subject,
} from '../../../src/rbac/index.ts';
import type { Random } from './random.ts';
import { hotTypes, randomPermissions } from './random-permission.ts';
import type { WorldPlan } from './world-plan.ts';

const builtinScopes = ['coder:all', 'all', 'coder:application_connect', 'no_user_data'];
const compositeScopes = [
  'coder:workspaces.create',
  'coder:workspaces.operate',
  'coder:workspaces.delete',
  'coder:workspaces.access',
  'coder:templates.build',
  'coder:templates.author',
  'coder:apikeys.manage_self',
];
const lowLevelScopes = [
  'user:read',
  'user:*',
  'organization:read',
  'template:read',
  'template:*',
  'workspace:read',
  'workspace:*',
  'workspace_dormant:read',
  'prebuilt_workspace:*',
  'group:read',
  'api_key:read',
  'user_secret:read',
  'audit_log:read',
];
const sharing = ['everyone', 'service_accounts', 'none'] as const;

/** Every id a row of the plan has, for allow lists. */
function rowIds(world: WorldPlan): string[] {
  return [
    ...world.users.map((u) => u.id),
    ...world.orgs.map((o) => o.id),
    ...world.templates.map((t) => t.id),
    ...world.workspaces.map((w) => w.id),
    ...world.groups.map((g) => g.id),
  ];
}

function orgPool(random: Random, world: WorldPlan): string {
  const hot = world.orgs.filter((o) => o.hot).map((o) => o.id);
  if (random.chance(0.8)) return random.pick(hot);
  return random.chance(0.5) ? world.phantoms.org : random.pick(world.orgs).id;
}

let customCounter = 0;

/** A custom role with permissions (negatives and wildcards included) at every level. */
export function randomCustomRole(random: Random, world: WorldPlan): Role {
  const orgs = random.many(0, 2, () => orgPool(random, world));
  return defineRole({
    name: `verify-custom-${customCounter++}`,
    site: random.chance(0.4) ? randomPermissions(random, 1, 3) : [],
    user: random.chance(0.4) ? randomPermissions(random, 1, 3) : [],
    byOrg: Object.fromEntries(
      orgs.map((org) => [
        org,
        { org: randomPermissions(random, 0, 3), member: randomPermissions(random, 0, 3) },
      ]),
    ),
  });
}

function allowList(random: Random, world: WorldPlan): AllowListEntry[] {
  const ids = rowIds(world);
  return random.many(0, 3, () => ({
    type: random.chance(0.3) ? '*' : (random.pick(hotTypes) as ResourceType),
    id: random.chance(0.4) ? '*' : random.chance(0.9) ? random.pick(ids) : world.phantoms.user,
  }));
}

function customScope(random: Random, world: WorldPlan): Scope {
  return {
    name: `verify-scope-${customCounter++}`,
    role: randomCustomRole(random, world),
    allowList: allowList(random, world),
  };
}

function scopeName(random: Random): string {
  return random.pick([
    random.pick(builtinScopes),
    random.pick(compositeScopes),
    random.pick(lowLevelScopes),
  ]);
}

/** A scope spec: mostly `coder:all`, else built-in, composite, low-level, custom or merged with a stored allow list. */
export function randomScope(random: Random, world: WorldPlan): ScopeSpec {
  const roll = random.next();
  if (roll < 0.5) return 'coder:all';
  if (roll < 0.7) return scopeName(random);
  if (roll < 0.75) return customScope(random, world);
  const scopes = random.many(0, 3, () =>
    random.chance(0.8) ? scopeName(random) : customScope(random, world),
  );
  return random.chance(0.6) ? { scopes, allowList: allowList(random, world) } : { scopes };
}

function orgRoles(random: Random, world: WorldPlan): RoleRef[] {
  const out: RoleRef[] = [];
  for (const org of new Set(random.many(0, 3, () => orgPool(random, world)))) {
    if (random.chance(0.85)) {
      out.push(
        random.chance(0.8)
          ? { name: 'organization-member', org }
          : random.chance(0.7)
            ? organizationMemberRole(org, random.pick(sharing))
            : organizationServiceAccountRole(org, random.pick(sharing)),
      );
    }
    const others = orgRoleNames.filter(
      (n) => n !== 'organization-member' && n !== 'organization-service-account',
    );
    for (const name of random.subset(others, 0.15)) out.push({ name, org });
  }
  return out;
}

function subjectId(random: Random, world: WorldPlan): string {
  const roll = random.next();
  if (roll < 0.85) return random.pick(world.users).id;
  if (roll < 0.92) return PREBUILDS_USER_ID;
  return world.phantoms.user;
}

/**
 * A random subject of the world: a pool user (or the prebuilds user, or a stranger) with a mix of
 * built-in site and org roles across several orgs (some it has no row in), custom roles with
 * negatives at every level, groups of its own and other orgs plus the Everyone group of orgs it
 * belongs to, and a scope (built-in, composite, low-level, custom or merged with an allow list).
 */
export function randomSubject(random: Random, world: WorldPlan): Subject {
  const site = random.subset(['owner', 'member', 'auditor', 'template-admin', 'user-admin'], 0.12);
  if (random.chance(0.7) && !site.includes('member')) site.push('member');
  const org = orgRoles(random, world);
  const custom = random.chance(0.35)
    ? random.many(1, 2, () => randomCustomRole(random, world))
    : [];
  const memberOrgs = org.map((r) =>
    typeof r === 'object' ? (r as { org?: string }).org : undefined,
  );
  const everyone = memberOrgs.filter((o): o is string => o !== undefined && random.chance(0.7));
  const groups = [
    ...random.subset(
      world.groups.map((g) => g.id),
      0.2,
    ),
    ...new Set(everyone),
    ...(random.chance(0.05) ? [world.phantoms.group] : []),
  ];
  return createSubject({
    id: subjectId(random, world),
    roles: [...site, ...org, ...custom],
    groups,
    scope: randomScope(random, world),
  });
}
