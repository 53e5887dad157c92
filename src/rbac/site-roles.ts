// The built-in site roles, transcribed from Coder's roles.go at the pinned commit
// (coder/coder roles.go @ 007f4fc; see docs/catalogue.md). Keep its order and action lists.
import { allPermsExcept, denials, permissions } from './permissions.ts';
import { defineRole } from './role.ts';
import { RoleNames } from './role-names.ts';
import type { Role } from './types.ts';
import {
  dormantWorkspaceActions,
  workspaceActions,
  workspaceActionsNoExec,
} from './workspace-actions.ts';

/** Coder's `RoleOptions`: deployment switches that change the built-in roles (all off by default). */
export interface RoleOptions {
  /** `owner` loses workspace `ssh` and `application_connect`. */
  readonly noOwnerWorkspaceExec?: boolean;
  /** `member` gets a site-level deny on workspace `share`. */
  readonly noWorkspaceSharing?: boolean;
  /** `member` gets site-level denies on chat and chat_project `share`. */
  readonly noChatSharing?: boolean;
}

/** The `owner` role: nearly everything, site-wide. */
export function ownerRole(options: RoleOptions = {}): Role {
  const workspace = options.noOwnerWorkspaceExec ? workspaceActionsNoExec : workspaceActions;
  return defineRole({
    name: RoleNames.owner,
    displayName: 'Owner',
    site: [
      ...allPermsExcept(
        'workspace_dormant',
        'prebuilt_workspace',
        'workspace',
        'user_secret',
        'user_skill',
        'usage_event',
        'boundary_usage',
        'boundary_log',
        'ai_seat',
        'ai_gateway_key',
      ),
      ...permissions({
        workspace,
        workspace_dormant: dormantWorkspaceActions,
        user_skill: ['read', 'delete'],
        ai_gateway_key: ['create', 'read', 'delete'],
        prebuilt_workspace: ['update', 'delete'],
        boundary_log: ['read'],
      }),
    ],
  });
}

/** The `member` role: reads a few site resources, and owns its personal resources. */
export function memberRole(options: RoleOptions = {}): Role {
  return defineRole({
    name: RoleNames.member,
    displayName: 'Member',
    site: [
      ...permissions({ assign_role: ['read'], oauth2_app: ['read'], workspace_proxy: ['read'] }),
      ...(options.noWorkspaceSharing ? denials({ workspace: ['share'] }) : []),
      ...(options.noChatSharing ? denials({ chat: ['share'], chat_project: ['share'] }) : []),
    ],
    user: [
      ...allPermsExcept(
        'workspace_dormant',
        'prebuilt_workspace',
        'workspace',
        'user',
        'organization_member',
        'boundary_usage',
        'boundary_log',
        'aibridge_interception',
        'chat',
        'ai_seat',
      ),
      ...permissions({
        user: ['read', 'read_personal', 'update_personal'],
        provisioner_daemon: ['read', 'create', 'update'],
        aibridge_interception: ['create', 'update'],
        boundary_log: ['create'],
      }),
    ],
  });
}

/** The `auditor` role: site-wide reads of logs, templates, users and orgs. */
export function auditorRole(): Role {
  return defineRole({
    name: RoleNames.auditor,
    displayName: 'Auditor',
    site: permissions({
      assign_org_role: ['read'],
      audit_log: ['read'],
      connection_log: ['read'],
      template: ['read', 'view_insights'],
      user: ['read'],
      group: ['read'],
      group_member: ['read'],
      organization: ['read'],
      organization_member: ['read'],
      deployment_stats: ['read'],
      deployment_config: ['read'],
      chat_model_config: ['read'],
      aibridge_interception: ['read'],
      boundary_log: ['read'],
    }),
  });
}

/** The `template-admin` role: templates, files and provisioners site-wide. */
export function templateAdminRole(): Role {
  return defineRole({
    name: RoleNames.templateAdmin,
    displayName: 'Template Admin',
    site: permissions({
      assign_org_role: ['read'],
      template: ['create', 'delete', 'read', 'update', 'use', 'view_insights'],
      file: ['create', 'read'],
      workspace: ['read'],
      workspace_dormant: ['read'],
      prebuilt_workspace: ['update', 'delete'],
      provisioner_daemon: ['create', 'read', 'update', 'delete'],
      user: ['read'],
      group: ['read'],
      group_member: ['read'],
      organization: ['read'],
      organization_member: ['read'],
    }),
  });
}

/** The `user-admin` role: users, groups, memberships and role assignment site-wide. */
export function userAdminRole(): Role {
  return defineRole({
    name: RoleNames.userAdmin,
    displayName: 'User Admin',
    site: permissions({
      assign_role: ['assign', 'unassign', 'read'],
      assign_org_role: ['assign', 'unassign', 'read'],
      user: ['create', 'read', 'update', 'delete', 'update_personal', 'read_personal'],
      group: ['create', 'read', 'update', 'delete'],
      group_member: ['read'],
      organization: ['read'],
      organization_member: ['create', 'read', 'update', 'delete'],
      idpsync_settings: ['read', 'update'],
    }),
  });
}
