// dbauthz/rbac: the pure policy engine (no database imports). Everything public is listed here.
export {
  ALLOW_ALL,
  allowListEntry,
  intersectAllowLists,
  normalizeAllowList,
  unionAllowLists,
} from './allow-list.ts';
export {
  assignableRoles,
  assignTableName,
  canAssignRole,
  type RoleIdentity,
  roleChangeDelta,
  roleIdentity,
} from './assign.ts';
export {
  type AuthorizerOptions,
  authorize,
  createAuthorizer,
  defaultAuthorizer,
  explain,
  prepare,
  type RbacAuthorizer,
} from './authorizer.ts';
export {
  type Action,
  type ActionOf,
  allActions,
  catalogue,
  hasAction,
  isResourceType,
  type PermissionAction,
  type PermissionType,
  type ResourceType,
  resourceTypes,
  WILDCARD,
} from './catalogue.ts';
export type { CompiledSubject } from './compile.ts';
export {
  DBAUTHZ_ERROR,
  type DbauthzError,
  type ErrorCode,
  type ForbiddenDetail,
  ForbiddenError,
  hasErrorCode,
  InvalidPolicyError,
  RbacError,
  type RbacErrorCode,
} from './errors.ts';
export {
  assertNoRoleEscalation,
  checkRoleEscalation,
  type EscalationViolation,
} from './escalation.ts';
export type { DecisionLevel, ExplainReason, Explanation, PermissionMatch } from './explain.ts';
export { ObjectBuilder, object } from './object.ts';
export {
  orgAdminRole,
  orgAuditorRole,
  organizationMemberRole,
  organizationServiceAccountRole,
  orgTemplateAdminRole,
  orgUserAdminRole,
  orgWorkspaceAccessRole,
  orgWorkspaceCreationBanRole,
  type WorkspaceSharing,
} from './org-roles.ts';
export {
  allPermsExcept,
  denials,
  formatPermission,
  type PermissionActionOf,
  type PermissionMap,
  permission,
  permissions,
} from './permissions.ts';
export { and, eq, evaluatePredicate, FALSE, isIn, missing, not, or, TRUE } from './predicate.ts';
export { defineOrgRole, defineRole, type RoleDefinition, rolePermissions } from './role.ts';
export {
  type BuiltinRoleName,
  CUSTOM_ORG_ROLE,
  CUSTOM_SITE_ROLE,
  isOrgRoleName,
  isSiteRoleName,
  orgRoleNames,
  RETIRED_AGENTS_ACCESS,
  RoleNames,
  reservedRoleNames,
  SYSTEM_ROLE,
  siteRoleNames,
} from './role-names.ts';
export { type BuiltinRoles, builtinRoles, type RoleRegistryOptions } from './role-registry.ts';
export {
  AclMapSchema,
  ActionSchema,
  AllowListEntrySchema,
  OrgPermissionsSchema,
  PermissionSchema,
  RbacObjectSchema,
  ResourceTypeSchema,
  RoleNameSchema,
  RoleRefSchema,
  RoleSchema,
  ScopeSchema,
  ScopeSpecSchema,
  SubjectNoticeSchema,
  SubjectSchema,
} from './schemas.ts';
export { mergeScopes, resolveScope } from './scope-spec.ts';
export {
  canonicalScopeName,
  compositeScopes,
  expandScope,
  isScopeName,
  ScopeNames,
  type WorkspaceAgentScopeInput,
  workspaceAgentScope,
} from './scopes.ts';
export {
  auditorRole,
  memberRole,
  ownerRole,
  type RoleOptions,
  templateAdminRole,
  userAdminRole,
} from './site-roles.ts';
export { createSubject, type SubjectInput, vetSubject } from './subject.ts';
export type {
  AclMap,
  AllowListEntry,
  Authorizer,
  OrgPermissions,
  Permission,
  Predicate,
  PredicateField,
  RbacObject,
  Role,
  RoleName,
  RoleRef,
  Scope,
  ScopeSpec,
  Subject,
  SubjectNotice,
} from './types.ts';
