import { deepFreeze } from './deep-freeze.ts';

/** The resource catalogue pinned to coder/coder@007f4fc: every type and its actions, exact strings. */
// Source: Coder's resource catalogue at the pinned commit (docs/catalogue.md). Types, zod enums, docs tables
// and test coverage all derive from this one object; edit it, never a copy.
export const catalogue = deepFreeze({
  ai_gateway_key: ['create', 'delete', 'read', 'update'],
  ai_model_price: ['read', 'update'],
  ai_provider: ['create', 'delete', 'read', 'update'],
  ai_seat: ['create', 'read'],
  aibridge_interception: ['create', 'read', 'update'],
  api_key: ['create', 'delete', 'read', 'update'],
  assign_org_role: ['assign', 'create', 'delete', 'read', 'unassign', 'update'],
  assign_role: ['assign', 'read', 'unassign'],
  audit_log: ['create', 'read'],
  boundary_log: ['create', 'delete', 'read'],
  boundary_usage: ['delete', 'read', 'update'],
  chat: ['create', 'delete', 'read', 'share', 'update'],
  chat_model_config: ['create', 'delete', 'read', 'share', 'update'],
  chat_project: ['create', 'delete', 'read', 'share', 'update'],
  connection_log: ['read', 'update'],
  crypto_key: ['create', 'delete', 'read', 'update'],
  debug_info: ['read'],
  deployment_config: ['read', 'update'],
  deployment_stats: ['read'],
  file: ['create', 'read'],
  group: ['create', 'delete', 'read', 'update'],
  group_member: ['read'],
  idpsync_settings: ['read', 'update'],
  inbox_notification: ['create', 'read', 'update'],
  license: ['create', 'delete', 'read'],
  mcp_server_config: ['create', 'delete', 'read', 'share', 'update'],
  notification_message: ['create', 'delete', 'read', 'update'],
  notification_preference: ['read', 'update'],
  notification_template: ['read', 'update'],
  oauth2_app: ['create', 'delete', 'read', 'update'],
  oauth2_app_code_token: ['create', 'delete', 'read'],
  oauth2_app_secret: ['create', 'delete', 'read', 'update'],
  organization: ['create', 'delete', 'read', 'update'],
  organization_member: ['create', 'delete', 'read', 'update'],
  prebuilt_workspace: ['delete', 'update'],
  provisioner_daemon: ['create', 'delete', 'read', 'update'],
  provisioner_jobs: ['create', 'read', 'update'],
  replicas: ['read'],
  system: ['create', 'delete', 'read', 'update'],
  tailnet_coordinator: ['create', 'delete', 'read', 'update'],
  template: ['create', 'delete', 'read', 'update', 'use', 'view_insights'],
  usage_event: ['create', 'read', 'update'],
  user: ['create', 'delete', 'read', 'read_personal', 'update', 'update_personal'],
  user_secret: ['create', 'delete', 'read', 'update'],
  user_skill: ['create', 'delete', 'read', 'update'],
  webpush_subscription: ['create', 'delete', 'read'],
  workspace: [
    'application_connect',
    'create',
    'create_agent',
    'delete',
    'delete_agent',
    'read',
    'share',
    'ssh',
    'start',
    'stop',
    'update',
    'update_agent',
  ],
  workspace_agent_devcontainers: ['create'],
  workspace_agent_resource_monitor: ['create', 'read', 'update'],
  workspace_build_orchestration: ['create', 'delete', 'read', 'update'],
  workspace_dormant: [
    'application_connect',
    'create',
    'create_agent',
    'delete',
    'delete_agent',
    'read',
    'share',
    'ssh',
    'start',
    'stop',
    'update',
    'update_agent',
  ],
  workspace_proxy: ['create', 'delete', 'read', 'update'],
} as const);

/** Every resource type of the catalogue (never the wildcard `*`). */
export type ResourceType = keyof typeof catalogue;

/** The actions one resource type accepts. */
export type ActionOf<R extends ResourceType> = (typeof catalogue)[R][number];

/** Any action string of the catalogue. */
export type Action = ActionOf<ResourceType>;

/** The wildcard that matches every type or every action. */
export const WILDCARD = '*';

/** A permission's type: a catalogue type or the wildcard. */
export type PermissionType = ResourceType | typeof WILDCARD;

/** A permission's action: a catalogue action or the wildcard. */
export type PermissionAction = Action | typeof WILDCARD;

/** All resource types, in catalogue order. */
export const resourceTypes: readonly ResourceType[] = Object.freeze(
  Object.keys(catalogue) as ResourceType[],
);

/** All distinct actions, sorted. */
export const allActions: readonly Action[] = Object.freeze(
  [...new Set(Object.values(catalogue).flat())].sort() as Action[],
);

/** True when `type` is a catalogue resource type. */
export function isResourceType(type: string): type is ResourceType {
  return Object.hasOwn(catalogue, type);
}

/** True when `action` is one of `type`'s actions (the wildcard is not an action of any type). */
export function hasAction(type: string, action: string): boolean {
  if (!isResourceType(type)) return false;
  return (catalogue[type] as readonly string[]).includes(action);
}
