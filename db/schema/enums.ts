import { pgEnum } from 'drizzle-orm/pg-core';

/** A user's account status; only `active` users may log in. */
export const userStatus = pgEnum('user_status', ['active', 'dormant', 'suspended']);

/** What a workspace build does to its workspace. */
export const workspaceTransition = pgEnum('workspace_transition', ['start', 'stop', 'delete']);

/** What a provisioner job runs. */
export const provisionerJobType = pgEnum('provisioner_job_type', [
  'template_version_import',
  'workspace_build',
  'template_version_dry_run',
]);

/** Where a provisioner job is in its life: pending until acquired, then running until completed. */
export const provisionerJobStatus = pgEnum('provisioner_job_status', [
  'pending',
  'running',
  'succeeded',
  'failed',
  'canceled',
]);

/** How a user reached a workspace, for connection logs. */
export const connectionType = pgEnum('connection_type', [
  'ssh',
  'vscode',
  'jetbrains',
  'reconnecting_pty',
  'workspace_app',
  'port_forwarding',
]);

/** What an audited request did. */
export const auditAction = pgEnum('audit_action', [
  'create',
  'write',
  'delete',
  'start',
  'stop',
  'login',
  'logout',
  'register',
  'connect',
  'disconnect',
  'open',
  'close',
]);
