// The built-in org roles, transcribed from Coder's roles.go at the pinned commit
// (coder/coder roles.go @ 007f4fc; see docs/catalogue.md). Each is bound to one org: its org and member permissions sit
// under byOrg[org], so they only apply to objects in that org.
import { allPermsExcept, denials, permissions } from './permissions.ts';
import { orgRoleTemplate } from './role.ts';
import { RoleNames } from './role-names.ts';
import type { Role } from './types.ts';
import {
  dormantWorkspaceActions,
  workspaceActions,
  workspaceActionsNoExec,
} from './workspace-actions.ts';

/** An org's `shareable_workspace_owners` setting; unknown values behave like `service_accounts`. */
export type WorkspaceSharing = 'everyone' | 'service_accounts' | 'none';

/** `organization-admin`: everything in the org except exec into others' workspaces. */
export const orgAdminRole: (org: string) => Role = orgRoleTemplate({
  name: RoleNames.orgAdmin,
  displayName: 'Organization Admin',
  site: permissions({ user: ['read'] }),
  orgPerms: [
    ...allPermsExcept(
      'workspace',
      'workspace_dormant',
      'prebuilt_workspace',
      'assign_role',
      'user_secret',
      'boundary_usage',
      'boundary_log',
      'ai_seat',
      'workspace_build_orchestration',
    ),
    ...permissions({
      workspace: workspaceActionsNoExec,
      workspace_dormant: dormantWorkspaceActions,
      prebuilt_workspace: ['update', 'delete'],
    }),
  ],
});

/** `organization-auditor`: reads the org's logs, templates, groups and members. */
export const orgAuditorRole: (org: string) => Role = orgRoleTemplate({
  name: RoleNames.orgAuditor,
  displayName: 'Organization Auditor',
  orgPerms: permissions({
    audit_log: ['read'],
    connection_log: ['read'],
    template: ['read', 'view_insights'],
    group: ['read'],
    group_member: ['read'],
    organization: ['read'],
    organization_member: ['read'],
    chat_model_config: ['read'],
  }),
});

/** `organization-user-admin`: members, groups and org role assignment in the org. */
export const orgUserAdminRole: (org: string) => Role = orgRoleTemplate({
  name: RoleNames.orgUserAdmin,
  displayName: 'Organization User Admin',
  site: permissions({ user: ['read'] }),
  orgPerms: permissions({
    assign_org_role: ['assign', 'unassign', 'read'],
    organization: ['read'],
    organization_member: ['create', 'read', 'update', 'delete'],
    group: ['create', 'delete', 'read', 'update'],
    group_member: ['read'],
    idpsync_settings: ['read', 'update'],
  }),
});

/** `organization-template-admin`: templates, files and provisioners in the org. */
export const orgTemplateAdminRole: (org: string) => Role = orgRoleTemplate({
  name: RoleNames.orgTemplateAdmin,
  displayName: 'Organization Template Admin',
  orgPerms: permissions({
    template: ['create', 'delete', 'read', 'update', 'use', 'view_insights'],
    file: ['create', 'read'],
    workspace: ['read'],
    workspace_dormant: ['read'],
    prebuilt_workspace: ['update', 'delete'],
    organization: ['read'],
    organization_member: ['read'],
    group: ['read'],
    group_member: ['read'],
    provisioner_daemon: ['create', 'read', 'update', 'delete'],
    provisioner_jobs: ['read', 'update', 'create'],
  }),
});

/** `organization-workspace-creation-ban`: org-level denies on workspace create/delete (and agents). */
export const orgWorkspaceCreationBanRole: (org: string) => Role = orgRoleTemplate({
  name: RoleNames.orgWorkspaceCreationBan,
  displayName: 'Organization Workspace Creation Ban',
  orgPerms: denials({ workspace: ['create', 'delete', 'create_agent', 'delete_agent'] }),
});

/** `organization-workspace-access`: every workspace power over the subject's own workspaces. */
export const orgWorkspaceAccessRole: (org: string) => Role = orgRoleTemplate({
  name: RoleNames.orgWorkspaceAccess,
  displayName: 'Organization Workspace Access',
  memberPerms: permissions({
    workspace: workspaceActions,
    workspace_dormant: dormantWorkspaceActions,
    file: ['create', 'read'],
    provisioner_daemon: ['create', 'read'],
  }),
});

/** The org-level floor shared by `organization-member` and `organization-service-account`. */
function orgFloor(sharing: WorkspaceSharing, withChatProject: boolean) {
  return permissions({
    assign_org_role: ['read'],
    ...(withChatProject ? { chat_project: ['create'] as const } : {}),
    ...(sharing === 'everyone' ? { group: ['read'] as const } : {}),
    organization: ['read'],
    ...(sharing === 'none' ? {} : { organization_member: ['read'] as const }),
    provisioner_daemon: ['read'],
  });
}

/** Member-level permissions every org member (human or service account) holds. */
function memberFloor() {
  return permissions({
    aibridge_interception: ['create', 'update'],
    api_key: ['create', 'delete', 'read', 'update'],
    group_member: ['read'],
    inbox_notification: ['create', 'read', 'update'],
    notification_message: ['read', 'update'],
    notification_preference: ['read', 'update'],
    organization_member: ['read'],
  });
}

type Mode = WorkspaceSharing;

// Coder compares the setting against `none` and `everyone` only: any other value (including the
// Go zero value '') acts as `service_accounts`.
const modeOf = (sharing: WorkspaceSharing): Mode =>
  sharing === 'everyone' || sharing === 'none' ? sharing : 'service_accounts';

const memberTemplates = new Map<Mode, (org: string) => Role>();
const serviceAccountTemplates = new Map<Mode, (org: string) => Role>();

function memberTemplate(mode: Mode): (org: string) => Role {
  return orgRoleTemplate({
    name: RoleNames.orgMember,
    displayName: 'Organization Member',
    orgPerms: [
      ...orgFloor(mode, true),
      ...(mode === 'none' ? denials({ workspace: ['share'] }) : []),
    ],
    memberPerms: [
      ...memberFloor(),
      ...permissions({
        chat: ['create', 'read', 'share', 'update'],
        chat_project: ['read', 'update', 'delete', 'share'],
      }),
      ...(mode === 'everyone' ? [] : denials({ workspace: ['share'] })),
    ],
  });
}

function serviceAccountTemplate(mode: Mode): (org: string) => Role {
  return orgRoleTemplate({
    name: RoleNames.orgServiceAccount,
    displayName: 'Organization Service Account',
    orgPerms:
      mode === 'none'
        ? [...orgFloor('none', false), ...denials({ workspace: ['share'] })]
        : orgFloor('everyone', false),
    memberPerms: memberFloor(),
  });
}

function bind(
  cache: Map<Mode, (org: string) => Role>,
  make: (mode: Mode) => (org: string) => Role,
  mode: Mode,
) {
  let template = cache.get(mode);
  if (!template) {
    template = make(mode);
    cache.set(mode, template);
  }
  return template;
}

/**
 * `organization-member`, the org floor, as `OrgMemberPermissions` builds it for the org's
 * workspace sharing setting (default `everyone`).
 */
export function organizationMemberRole(org: string, sharing: WorkspaceSharing = 'everyone'): Role {
  return bind(memberTemplates, memberTemplate, modeOf(sharing))(org);
}

/**
 * `organization-service-account`, as `OrgServiceAccountPermissions` builds it: like the member
 * floor without chats; `none` drops the member/group reads and denies workspace sharing org-wide.
 */
export function organizationServiceAccountRole(
  org: string,
  sharing: WorkspaceSharing = 'everyone',
): Role {
  return bind(serviceAccountTemplates, serviceAccountTemplate, modeOf(sharing))(org);
}
