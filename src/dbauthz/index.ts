// The authorized store: imports rbac, sql and db; nothing imports it but the application.
export { runAs, scopedActor } from './actor-scope.ts';
export {
  type AuthorizedStore,
  type AuthorizedStoreOptions,
  createAuthorizedStore,
} from './authorized-store.ts';
export type { AuthorizedStoreOf } from './authorized-store-of.ts';
export { AUTHORIZED_STORE, buildAuthorizedStore, type StoreOptions } from './build-store.ts';
export type { CallContext } from './call-context.ts';
export { organizationColumns } from './columns/organizations.ts';
export { provisionerDaemonColumns } from './columns/provisioner-daemons.ts';
export { templateColumns } from './columns/templates.ts';
export { userColumns } from './columns/users.ts';
export { workspaceColumns, workspaceFilter } from './columns/workspaces.ts';
export type { Decision, DecisionHook } from './decision-hook.ts';
export { NoActorError } from './errors.ts';
export { apiKeyObject } from './objects/api-key.ts';
export { assignOrgRoleObject } from './objects/assign-org-role.ts';
export { type CustomRoleFields, customRoleValue } from './objects/custom-role.ts';
export { fileObject } from './objects/file.ts';
export { groupObject } from './objects/group.ts';
export { groupMemberObject } from './objects/group-member.ts';
export { organizationObject } from './objects/organization.ts';
export { organizationMemberObject } from './objects/organization-member.ts';
export {
  provisionerDaemonObject,
  provisionerDaemonTarget,
  provisionerJobObject,
} from './objects/provisioner.ts';
export { templateObject } from './objects/template.ts';
export { templateVersionParent } from './objects/template-version.ts';
export { userObject } from './objects/user.ts';
export { prebuildAwareTarget, workspaceObject } from './objects/workspace.ts';
export {
  authorizeTransition,
  prebuiltTransitionAction,
  type Transition,
  transitionAction,
} from './objects/workspace-build.ts';
export * from './subject/index.ts';
export * from './system-actors/index.ts';
export { anyOf, type Target } from './target.ts';
export * from './wrappers/index.ts';
