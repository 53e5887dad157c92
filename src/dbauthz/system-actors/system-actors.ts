import { PREBUILDS_SYSTEM_USER_ID } from '../../../db/schema/users.ts';
import { deepFreeze } from '../../rbac/deep-freeze.ts';
import { createSubject } from '../../rbac/subject.ts';
import type { Subject } from '../../rbac/types.ts';
import { type Grants, systemRole } from './system-role.ts';

/** The id of Coder's prebuilds system user, whom the prebuilds orchestrator acts as. */
export const PREBUILDS_USER_ID = PREBUILDS_SYSTEM_USER_ID;

/** The id system actors carry (no user has it, so no ownership rule ever matches them). */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

const reads = (...types: (keyof Grants)[]): Grants =>
  Object.fromEntries(types.map((type) => [type, ['read']]));

/**
 * Each system actor's grants, as data. The permission table in the README is generated from this
 * object; nothing here grants a wildcard, and only `asSecretsReader` reads user secrets.
 */
export const systemActorGrants = deepFreeze({
  asSystemRestricted: {
    ...reads('user', 'organization', 'group', 'group_member', 'template'),
    // Create: adding the prebuilds system user to an organization (Coder's membership reconciler);
    // the store refuses any other user for a system actor (`insertOrganizationMember`).
    organization_member: ['read', 'create'],
    ...reads('workspace', 'workspace_dormant', 'file', 'provisioner_daemon', 'provisioner_jobs'),
    ...reads('assign_role', 'assign_org_role', 'deployment_config', 'replicas'),
    // Authentication reads keys and records their use; the login flow mints a user's key.
    api_key: ['create', 'read', 'update'],
    // Loading a user's roles to build a subject (getUserRoles, getAuthorizationUserRoles, and
    // getApiKeyAuthorization with the key) is checked as `system` read, as Coder's
    // GetAuthorizationUserRoles: no human role but a site owner holds it.
    system: ['read'],
    // Appending audit entries (insertAuditLog) is request plumbing, not the acting user's power.
    audit_log: ['create'],
  },
  // Coder's builder: read daemons, update jobs, plus creating the build's job. No template update:
  // the provisioner state read is allowed by `update` on jobs in the build's org instead.
  asWorkspaceBuilder: {
    ...reads('provisioner_daemon'),
    provisioner_jobs: ['create', 'read', 'update'],
  },
  asProvisionerd: {
    ...reads('user', 'organization', 'file', 'template'),
    provisioner_daemon: ['create', 'read', 'update'],
    provisioner_jobs: ['read', 'update'],
    workspace: ['read', 'update', 'create_agent', 'update_agent', 'delete_agent'],
    workspace_dormant: ['read', 'update'],
  },
  asAutostart: {
    ...reads('user', 'organization', 'template'),
    provisioner_jobs: ['create', 'read'],
    workspace: ['read', 'update', 'start', 'stop'],
    // Autostop stops a dormant workspace too; only autostart is refused (as Coder's autostart).
    workspace_dormant: ['read', 'update', 'stop', 'delete'],
  },
  // Deletes old rows; reads none (old connection logs are purged as `system` delete).
  asDBPurge: {
    boundary_log: ['delete'],
    system: ['delete'],
  },
  // Start, stop, update and delete reach only prebuilds-owned workspaces, through the store's
  // `prebuilt_workspace` fallback; `workspace` create is limited by the store to workspaces the
  // prebuilds user owns. A claimed workspace is out of its reach.
  asPrebuildsOrchestrator: {
    ...reads('user', 'organization', 'organization_member', 'provisioner_daemon'),
    provisioner_jobs: ['create', 'read'],
    template: ['read', 'use'],
    workspace: ['create', 'read'],
    prebuilt_workspace: ['update', 'delete'],
  },
  asBoundaryUsageTracker: { boundary_usage: ['read', 'update', 'delete'] },
  asConnectionLogger: { ...reads('workspace', 'user'), connection_log: ['update'] },
  asNotifier: {
    ...reads('user', 'workspace', 'template', 'notification_template', 'notification_preference'),
    notification_message: ['create', 'read', 'update', 'delete'],
    inbox_notification: ['create', 'read', 'update'],
  },
  asKeyRotator: { crypto_key: ['create', 'read', 'update', 'delete'] },
  asSecretsReader: { ...reads('user', 'workspace', 'user_secret') },
} as const satisfies Record<string, Grants>);

/** The name of a system actor, also the store method that returns a store bound to it. */
export type SystemActorName = keyof typeof systemActorGrants;

/** A note per granted resource type of one actor: the type must be one the actor is granted. */
type StoreLimits = {
  readonly [N in SystemActorName]?: {
    readonly [T in keyof (typeof systemActorGrants)[N]]?: string;
  };
};

/**
 * Where the store holds a system actor to less than its grants say: checks keyed on the actor's
 * identity, or objects only the store builds. Rendered under the README's permission table (by
 * `systemActorPermissionTable()`), so a grant never reads broader there than the power it gives.
 */
export const systemActorStoreLimits: StoreLimits = {
  asSystemRestricted: {
    organization_member:
      '`create` adds only the prebuilds system user to an organization (`insertOrganizationMember`)',
  },
  asDBPurge: {
    system: '`delete` is checked only by the purge of old connection logs',
  },
  asPrebuildsOrchestrator: {
    workspace:
      '`create` only with the prebuilds system user as owner (`insertWorkspace`); handing a prebuild to a user (`claimPrebuiltWorkspace`) is refused',
    prebuilt_workspace:
      'matches only a workspace the prebuilds system user still owns, so start, stop, update and delete never reach a claimed or human workspace',
  },
};

function systemSubject(name: SystemActorName, id = SYSTEM_ACTOR_ID): Subject {
  const role = systemRole(`system:${name.slice(2)}`, systemActorGrants[name]);
  // Built by createSubject: validated, deeply frozen, and bound as it is by `store.as()` too.
  return createSubject({ id, roles: [role], groups: [], scope: 'coder:all', type: 'system' });
}

/** The subject of every system actor; `store.asX()` binds the store to `systemActors.asX`. */
export const systemActors: Readonly<Record<SystemActorName, Subject>> = Object.freeze({
  asSystemRestricted: systemSubject('asSystemRestricted'),
  asWorkspaceBuilder: systemSubject('asWorkspaceBuilder'),
  asProvisionerd: systemSubject('asProvisionerd'),
  asAutostart: systemSubject('asAutostart'),
  asDBPurge: systemSubject('asDBPurge'),
  asPrebuildsOrchestrator: systemSubject('asPrebuildsOrchestrator', PREBUILDS_USER_ID),
  asBoundaryUsageTracker: systemSubject('asBoundaryUsageTracker'),
  asConnectionLogger: systemSubject('asConnectionLogger'),
  asNotifier: systemSubject('asNotifier'),
  asKeyRotator: systemSubject('asKeyRotator'),
  asSecretsReader: systemSubject('asSecretsReader'),
});

const systemSubjects: ReadonlySet<Subject> = new Set(Object.values(systemActors));

/**
 * Whether `subject` is one of the store's own system actors (`store.asX()`), by identity: a
 * subject's `type` is a label anyone building a subject can set, and a copy of a system actor's
 * subject is no system actor, so neither ever unlocks acting on someone else's behalf.
 */
export function isSystemActor(subject: Subject): boolean {
  return systemSubjects.has(subject);
}
