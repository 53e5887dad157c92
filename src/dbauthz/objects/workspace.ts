import type { Workspace } from '../../../db/types.ts';
import type { AclMap, RbacObject } from '../../rbac/types.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import { anyOf, type Target } from '../target.ts';

type WorkspaceRow = Pick<
  Workspace,
  'id' | 'ownerId' | 'organizationId' | 'userAcl' | 'groupAcl' | 'dormantAt'
>;

/**
 * A workspace as an RBAC object. A dormant one (`dormant_at` set) is a `workspace_dormant` with
 * no ACL, as Coder's dormant object: what its owner shared grants nothing while it is dormant.
 */
export function workspaceObject(workspace: WorkspaceRow): RbacObject {
  const base = { id: workspace.id, owner: workspace.ownerId, org: workspace.organizationId };
  if (workspace.dormantAt !== null) return { type: 'workspace_dormant', ...base };
  return {
    type: 'workspace',
    ...base,
    aclUsers: workspace.userAcl as AclMap,
    aclGroups: workspace.groupAcl as AclMap,
  };
}

/**
 * What a delete (or other prebuild-managed action) targets: the workspace, and for one owned by
 * the prebuilds system user, falling back to the same workspace as a `prebuilt_workspace`.
 */
export function prebuildAwareTarget(workspace: WorkspaceRow): Target {
  const object = workspaceObject(workspace);
  if (workspace.ownerId !== PREBUILDS_USER_ID) return object;
  return anyOf(object, { ...object, type: 'prebuilt_workspace' });
}
