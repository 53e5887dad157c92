// Workspace action lists several built-in roles share (catalogue-and-roles.md §2).
import { type ActionOf, catalogue } from './catalogue.ts';

type WorkspaceAction = ActionOf<'workspace'>;

/** Every workspace action (Coder's `ResourceWorkspace.AvailableActions()`). */
export const workspaceActions: readonly WorkspaceAction[] = catalogue.workspace;

/** Workspace actions without exec (`ssh`, `application_connect`). */
export const workspaceActionsNoExec: readonly WorkspaceAction[] = workspaceActions.filter(
  (a) => a !== 'ssh' && a !== 'application_connect',
);

/** What a dormant workspace still allows its managers: no start, exec or sharing. */
export const dormantWorkspaceActions = [
  'create',
  'create_agent',
  'delete',
  'delete_agent',
  'read',
  'stop',
  'update',
  'update_agent',
] as const;
