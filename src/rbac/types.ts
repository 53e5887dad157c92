import type { Action, PermissionAction, PermissionType, ResourceType } from './catalogue.ts';

/** One grant (or, when `negate`, one denial) of an action on a resource type. */
export interface Permission {
  readonly type: PermissionType;
  readonly action: PermissionAction;
  readonly negate: boolean;
}

/** The org-level and org-member-level permissions a role holds in one organization. */
export interface OrgPermissions {
  readonly org: readonly Permission[];
  readonly member: readonly Permission[];
}

/**
 * A role: permissions at the site, user, org and org-member levels.
 * Org roles carry their org id in `org` and their permissions under `byOrg[org]`.
 */
export interface Role {
  readonly name: string;
  readonly displayName?: string;
  readonly org?: string;
  readonly site: readonly Permission[];
  readonly user: readonly Permission[];
  readonly byOrg: Readonly<Record<string, OrgPermissions>>;
}

/** A role given by name: a built-in site role, or a built-in org role bound to one org. */
export type RoleName = string | { readonly name: string; readonly org: string };

/** A subject's role: by built-in name, or a full role value (custom roles). */
export type RoleRef = RoleName | Role;

/** One entry of a scope's allow list: `*` allowed for either field. */
export interface AllowListEntry {
  readonly type: ResourceType | '*';
  readonly id: string;
}

/** A scope: a role whose permissions narrow the subject's, plus the objects it may touch. */
export interface Scope {
  readonly name: string;
  readonly role: Role;
  readonly allowList: readonly AllowListEntry[];
}

/**
 * What an API key carries: one or more scopes (names or values), merged, then intersected with
 * the key's stored allow list when one is given.
 */
export type ScopeSpec =
  | string
  | Scope
  | {
      readonly scopes: readonly (string | Scope)[];
      readonly allowList?: readonly AllowListEntry[];
    };

/**
 * Something left out when a subject was loaded from storage: `ignored_permission` (a stored
 * permission this version cannot apply: an unknown type or action, or a member-level permission
 * of a custom role) or `dropped_role` (a custom role that no longer exists). Reported with every
 * decision about the subject; it never changes one.
 */
export interface SubjectNotice {
  readonly code: 'ignored_permission' | 'dropped_role';
  /** The role concerned. */
  readonly role: string;
  /** Its org, for an org role. */
  readonly org?: string;
  /** The permission left out, as stored (`ignored_permission` only). */
  readonly permission?: {
    readonly type: string;
    readonly action: string;
    readonly negate: boolean;
    readonly level: 'site' | 'user' | 'org' | 'member';
  };
  readonly message: string;
}

/**
 * The actor of a decision. `type` is for logs only and never changes a decision; neither do
 * `notices` (what the loader left out), which the authorized store reports with each decision.
 */
export interface Subject {
  readonly id: string;
  readonly roles: readonly RoleRef[];
  readonly groups: readonly string[];
  readonly scope: ScopeSpec;
  readonly type?: string;
  readonly notices?: readonly SubjectNotice[];
}

/** Actions listed per user id or group id in an object's ACL. */
export type AclMap = Readonly<Record<string, readonly (Action | '*')[]>>;

/** The thing acted on. `org` and `anyOrg` are mutually exclusive; a missing or empty org means none. */
export interface RbacObject {
  readonly type: ResourceType;
  readonly id?: string;
  readonly owner?: string;
  readonly org?: string;
  readonly anyOrg?: boolean;
  readonly aclUsers?: AclMap;
  readonly aclGroups?: AclMap;
}

/** The object's columns a prepared predicate reads. */
export type PredicateField = 'id' | 'owner' | 'org';

/**
 * A small predicate tree over an object's unknown columns, evaluated in memory by `evaluate` and
 * compiled to SQL by `src/sql`. Semantics are two-valued: a missing (undefined, null or empty
 * string) field is never equal to, or in, anything, and `missing` is true for it.
 */
export type Predicate =
  | { readonly op: 'true' }
  | { readonly op: 'false' }
  /** field = value */
  | { readonly op: 'eq'; readonly field: PredicateField; readonly value: string }
  /** field IN values (empty values: false) */
  | { readonly op: 'in'; readonly field: PredicateField; readonly values: readonly string[] }
  /** field is absent (undefined, null or '') */
  | { readonly op: 'missing'; readonly field: PredicateField }
  /**
   * The ACL map (`user` = aclUsers, `group` = aclGroups) has an entry under one of `keys`, or
   * (when `orgKey`) under the object's own org id (the Everyone group), whose actions include
   * `action` or `*`.
   */
  | {
      readonly op: 'acl';
      readonly acl: 'user' | 'group';
      readonly keys: readonly string[];
      readonly orgKey: boolean;
      readonly action: Action;
    }
  | { readonly op: 'and'; readonly items: readonly Predicate[] }
  | { readonly op: 'or'; readonly items: readonly Predicate[] }
  | { readonly op: 'not'; readonly item: Predicate };

/**
 * The two evaluators of one policy. `authorize` decides one object; `prepare` returns the predicate
 * an object of `type` must satisfy for `action`, to evaluate in memory or compile to SQL.
 * Both fail closed: unknown types or actions deny.
 */
export interface Authorizer {
  authorize(subject: Subject, action: Action, object: RbacObject): boolean;
  prepare(subject: Subject, action: Action, type: ResourceType): Predicate;
}
