// The role truth table, written by hand from Coder's roles.go at the pinned commit
// (docs/catalogue.md), never computed by the engine. Each row names, per level, the subjects that hold a matching permission:
//   S = site level, applies to every object;
//   U = user level, applies to objects the subject owns that have no org;
//   O = org level in org A, applies to every object in A;
//   M = org-member level in A, applies to objects in A the subject owns (minus org-level denials).
// Subjects not named are denied. How the levels combine per object is spelled out in the test.
import type { Action, ResourceType } from '../../src/rbac/index.ts';

/** Subject names of the table (see truth-table.test.ts for their roles). */
export type Who =
  | 'owner'
  | 'member'
  | 'auditor'
  | 'tadmin'
  | 'uadmin'
  | 'oadmin'
  | 'oauditor'
  | 'ouadmin'
  | 'otadmin'
  | 'oban'
  | 'owsa'
  | 'omember'
  | 'memberA'
  | 'memberB'
  | 'ownerBan'
  | 'memberABan';

export interface Row {
  readonly type: ResourceType;
  readonly actions: readonly Action[];
  readonly S?: readonly Who[];
  readonly U?: readonly Who[];
  readonly O?: readonly Who[];
  readonly M?: readonly Who[];
}

/** Holders of the site role `member`. */
const MEMBERS: Who[] = ['member', 'memberA', 'memberB', 'ownerBan', 'memberABan'];
/** Holders of the site role `owner`. */
const OWNERS: Who[] = ['owner', 'ownerBan'];
/** Holders of `organization-member` in org A. */
const OMEMBERS: Who[] = ['omember', 'memberA', 'ownerBan', 'memberABan'];
/** Holders of `organization-workspace-access` in org A. */
const WSA: Who[] = ['owsa', 'memberA', 'ownerBan', 'memberABan'];

const r = (
  type: ResourceType,
  actions: readonly Action[],
  levels: Omit<Row, 'type' | 'actions'>,
): Row => ({
  type,
  actions,
  ...levels,
});
/** The common shape: owner site-wide, member on its own, org admin org-wide. */
const plain = (type: ResourceType, actions: readonly Action[]) =>
  r(type, actions, { S: OWNERS, U: MEMBERS, O: ['oadmin'] });

export const rows: readonly Row[] = [
  r('ai_gateway_key', ['create', 'delete', 'read'], { S: OWNERS, U: MEMBERS, O: ['oadmin'] }),
  r('ai_gateway_key', ['update'], { U: MEMBERS, O: ['oadmin'] }),
  plain('ai_model_price', ['read', 'update']),
  plain('ai_provider', ['create', 'delete', 'read', 'update']),
  r('ai_seat', ['create', 'read'], {}),
  r('aibridge_interception', ['create', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin'],
    M: OMEMBERS,
  }),
  r('aibridge_interception', ['read'], { S: [...OWNERS, 'auditor'], O: ['oadmin'] }),
  r('api_key', ['create', 'delete', 'read', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin'],
    M: OMEMBERS,
  }),
  r('assign_org_role', ['assign', 'unassign'], {
    S: [...OWNERS, 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'ouadmin'],
  }),
  plain('assign_org_role', ['create', 'delete', 'update']),
  r('assign_org_role', ['read'], {
    S: [...OWNERS, 'auditor', 'tadmin', 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'ouadmin', ...OMEMBERS],
  }),
  r('assign_role', ['assign', 'unassign'], { S: [...OWNERS, 'uadmin'], U: MEMBERS }),
  r('assign_role', ['read'], { S: [...OWNERS, 'uadmin', ...MEMBERS], U: MEMBERS }),
  plain('audit_log', ['create']),
  r('audit_log', ['read'], { S: [...OWNERS, 'auditor'], U: MEMBERS, O: ['oadmin', 'oauditor'] }),
  r('boundary_log', ['create'], { U: MEMBERS }),
  r('boundary_log', ['delete'], {}),
  r('boundary_log', ['read'], { S: [...OWNERS, 'auditor'] }),
  r('boundary_usage', ['delete', 'read', 'update'], {}),
  r('chat', ['create', 'read', 'share', 'update'], { S: OWNERS, O: ['oadmin'], M: OMEMBERS }),
  r('chat', ['delete'], { S: OWNERS, O: ['oadmin'] }),
  plain('chat_model_config', ['create', 'delete', 'share', 'update']),
  r('chat_model_config', ['read'], {
    S: [...OWNERS, 'auditor'],
    U: MEMBERS,
    O: ['oadmin', 'oauditor'],
  }),
  r('chat_project', ['create'], { S: OWNERS, U: MEMBERS, O: ['oadmin', ...OMEMBERS] }),
  r('chat_project', ['delete', 'read', 'share', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin'],
    M: OMEMBERS,
  }),
  r('connection_log', ['read'], {
    S: [...OWNERS, 'auditor'],
    U: MEMBERS,
    O: ['oadmin', 'oauditor'],
  }),
  plain('connection_log', ['update']),
  plain('crypto_key', ['create', 'delete', 'read', 'update']),
  plain('debug_info', ['read']),
  r('deployment_config', ['read'], { S: [...OWNERS, 'auditor'], U: MEMBERS, O: ['oadmin'] }),
  plain('deployment_config', ['update']),
  r('deployment_stats', ['read'], { S: [...OWNERS, 'auditor'], U: MEMBERS, O: ['oadmin'] }),
  r('file', ['create', 'read'], {
    S: [...OWNERS, 'tadmin'],
    U: MEMBERS,
    O: ['oadmin', 'otadmin'],
    M: WSA,
  }),
  r('group', ['create', 'delete', 'update'], {
    S: [...OWNERS, 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'ouadmin'],
  }),
  r('group', ['read'], {
    S: [...OWNERS, 'auditor', 'tadmin', 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'oauditor', 'ouadmin', 'otadmin', ...OMEMBERS],
  }),
  r('group_member', ['read'], {
    S: [...OWNERS, 'auditor', 'tadmin', 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'oauditor', 'ouadmin', 'otadmin'],
    M: OMEMBERS,
  }),
  r('idpsync_settings', ['read', 'update'], {
    S: [...OWNERS, 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'ouadmin'],
  }),
  r('inbox_notification', ['create', 'read', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin'],
    M: OMEMBERS,
  }),
  plain('license', ['create', 'delete', 'read']),
  plain('mcp_server_config', ['create', 'delete', 'read', 'share', 'update']),
  r('notification_message', ['read', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin'],
    M: OMEMBERS,
  }),
  plain('notification_message', ['create', 'delete']),
  r('notification_preference', ['read', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin'],
    M: OMEMBERS,
  }),
  plain('notification_template', ['read', 'update']),
  r('oauth2_app', ['read'], { S: [...OWNERS, ...MEMBERS], U: MEMBERS, O: ['oadmin'] }),
  plain('oauth2_app', ['create', 'delete', 'update']),
  plain('oauth2_app_code_token', ['create', 'delete', 'read']),
  plain('oauth2_app_secret', ['create', 'delete', 'read', 'update']),
  r('organization', ['read'], {
    S: [...OWNERS, 'auditor', 'tadmin', 'uadmin'],
    U: MEMBERS,
    O: ['oadmin', 'oauditor', 'ouadmin', 'otadmin', ...OMEMBERS],
  }),
  plain('organization', ['create', 'delete', 'update']),
  r('organization_member', ['read'], {
    S: [...OWNERS, 'auditor', 'tadmin', 'uadmin'],
    O: ['oadmin', 'oauditor', 'ouadmin', 'otadmin', ...OMEMBERS],
    M: OMEMBERS,
  }),
  r('organization_member', ['create', 'delete', 'update'], {
    S: [...OWNERS, 'uadmin'],
    O: ['oadmin', 'ouadmin'],
  }),
  r('prebuilt_workspace', ['delete', 'update'], {
    S: [...OWNERS, 'tadmin'],
    O: ['oadmin', 'otadmin'],
  }),
  r('provisioner_daemon', ['create'], {
    S: [...OWNERS, 'tadmin'],
    U: MEMBERS,
    O: ['oadmin', 'otadmin'],
    M: WSA,
  }),
  r('provisioner_daemon', ['read'], {
    S: [...OWNERS, 'tadmin'],
    U: MEMBERS,
    O: ['oadmin', 'otadmin', ...OMEMBERS],
    M: WSA,
  }),
  r('provisioner_daemon', ['delete', 'update'], {
    S: [...OWNERS, 'tadmin'],
    U: MEMBERS,
    O: ['oadmin', 'otadmin'],
  }),
  r('provisioner_jobs', ['create', 'read', 'update'], {
    S: OWNERS,
    U: MEMBERS,
    O: ['oadmin', 'otadmin'],
  }),
  plain('replicas', ['read']),
  plain('system', ['create', 'delete', 'read', 'update']),
  plain('tailnet_coordinator', ['create', 'delete', 'read', 'update']),
  r('template', ['read', 'view_insights'], {
    S: [...OWNERS, 'auditor', 'tadmin'],
    U: MEMBERS,
    O: ['oadmin', 'oauditor', 'otadmin'],
  }),
  r('template', ['create', 'delete', 'update', 'use'], {
    S: [...OWNERS, 'tadmin'],
    U: MEMBERS,
    O: ['oadmin', 'otadmin'],
  }),
  r('usage_event', ['create', 'read', 'update'], { U: MEMBERS, O: ['oadmin'] }),
  r('user', ['read'], {
    S: [...OWNERS, 'auditor', 'tadmin', 'uadmin', 'oadmin', 'ouadmin'],
    U: MEMBERS,
    O: ['oadmin'],
  }),
  r('user', ['read_personal', 'update_personal'], {
    S: [...OWNERS, 'uadmin'],
    U: MEMBERS,
    O: ['oadmin'],
  }),
  r('user', ['create', 'delete', 'update'], { S: [...OWNERS, 'uadmin'], O: ['oadmin'] }),
  r('user_secret', ['create', 'delete', 'read', 'update'], { U: MEMBERS }),
  plain('user_skill', ['delete', 'read']),
  r('user_skill', ['create', 'update'], { U: MEMBERS, O: ['oadmin'] }),
  plain('webpush_subscription', ['create', 'delete', 'read']),
  r('workspace', ['application_connect', 'ssh'], { S: OWNERS, M: WSA }),
  // The creation ban denies these at org level in A: it blocks memberABan's member-level grant,
  // but not ownerBan's site-level one.
  r('workspace', ['create', 'create_agent', 'delete', 'delete_agent'], {
    S: OWNERS,
    O: ['oadmin'],
    M: ['owsa', 'memberA'],
  }),
  r('workspace', ['read'], { S: [...OWNERS, 'tadmin'], O: ['oadmin', 'otadmin'], M: WSA }),
  r('workspace', ['share', 'start', 'stop', 'update', 'update_agent'], {
    S: OWNERS,
    O: ['oadmin'],
    M: WSA,
  }),
  plain('workspace_agent_devcontainers', ['create']),
  plain('workspace_agent_resource_monitor', ['create', 'read', 'update']),
  r('workspace_build_orchestration', ['create', 'delete', 'read', 'update'], {
    S: OWNERS,
    U: MEMBERS,
  }),
  r('workspace_dormant', ['application_connect', 'share', 'ssh', 'start'], {}),
  r('workspace_dormant', ['read'], { S: [...OWNERS, 'tadmin'], O: ['oadmin', 'otadmin'], M: WSA }),
  // The creation ban names `workspace`, not `workspace_dormant`: banned members keep these.
  r(
    'workspace_dormant',
    ['create', 'create_agent', 'delete', 'delete_agent', 'stop', 'update', 'update_agent'],
    {
      S: OWNERS,
      O: ['oadmin'],
      M: WSA,
    },
  ),
  r('workspace_proxy', ['read'], { S: [...OWNERS, ...MEMBERS], U: MEMBERS, O: ['oadmin'] }),
  plain('workspace_proxy', ['create', 'delete', 'update']),
];
