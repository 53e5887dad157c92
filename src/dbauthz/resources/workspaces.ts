import { workspaces } from '../../../db/schema/index.ts';
import type { Workspace } from '../../../db/types.ts';
import type { AclMap, RbacObject } from '../../rbac/types.ts';
import type { ColumnMap } from '../../sql/column-map.ts';
import { PREBUILDS_USER_ID } from '../system-actors/system-actors.ts';
import { anyOf, type Target } from '../target.ts';
import type { ResourceBinding } from './define-resource.ts';

type WorkspaceRow = Pick<
  Workspace,
  'id' | 'ownerId' | 'organizationId' | 'userAcl' | 'groupAcl' | 'dormantAt'
>;

/** `workspaces` rows as workspace objects: owner, org, user and group ACLs. */
export const workspaceColumns: ColumnMap = {
  id: workspaces.id,
  owner: workspaces.ownerId,
  org: workspaces.organizationId,
  aclUsers: workspaces.userAcl,
  aclGroups: workspaces.groupAcl,
};

/** Dormant rows as `workspace_dormant` objects: owner and org only, no ACL (Coder's dormant object). */
export const dormantWorkspaceColumns: ColumnMap = {
  id: workspaces.id,
  owner: workspaces.ownerId,
  org: workspaces.organizationId,
};

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
 * `workspaces` bound by hand: the row's type depends on `dormant_at` (see `workspaceObject`; lists
 * use `workspaceFilter`, which also reads `dormantWorkspaceColumns`).
 */
export const workspaceResource: ResourceBinding<WorkspaceRow, typeof workspaces> = Object.freeze({
  type: 'workspace',
  table: workspaces,
  columns: workspaceColumns,
  object: workspaceObject,
});

/**
 * What a delete (or other prebuild-managed action) targets: the workspace, and for one owned by
 * the prebuilds system user, falling back to the same workspace as a `prebuilt_workspace`.
 */
export function prebuildAwareTarget(workspace: WorkspaceRow): Target {
  const object = workspaceObject(workspace);
  if (workspace.ownerId !== PREBUILDS_USER_ID) return object;
  return anyOf(object, { ...object, type: 'prebuilt_workspace' });
}
