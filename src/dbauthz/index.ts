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
export type { Decision, DecisionHook } from './decision-hook.ts';
export { NoActorError } from './errors.ts';
export { apiKeyObject } from './resources/api-keys.ts';
export { type CustomRoleFields, customRoleValue } from './resources/custom-role-value.ts';
export { assignOrgRoleObject } from './resources/custom-roles.ts';
export { fileObject } from './resources/files.ts';
export { groupMemberObject } from './resources/group-members.ts';
export { groupObject } from './resources/groups.ts';
export { organizationMemberObject } from './resources/organization-members.ts';
export { organizationColumns, organizationObject } from './resources/organizations.ts';
export {
  provisionerDaemonColumns,
  provisionerDaemonObject,
  provisionerDaemonTarget,
} from './resources/provisioner-daemons.ts';
export { provisionerJobObject } from './resources/provisioner-jobs.ts';
export { templateVersionParent } from './resources/template-versions.ts';
export { templateColumns, templateObject } from './resources/templates.ts';
export { userColumns, userObject } from './resources/users.ts';
export {
  authorizeTransition,
  prebuiltTransitionAction,
  type Transition,
  transitionAction,
} from './resources/workspace-builds.ts';
export { workspaceFilter } from './resources/workspace-filter.ts';
export { prebuildAwareTarget, workspaceColumns, workspaceObject } from './resources/workspaces.ts';
export * from './subject/index.ts';
export * from './system-actors/index.ts';
export { anyOf, type Target } from './target.ts';
export * from './wrappers/index.ts';
