import { InvalidInputError, NotFoundError } from '../../../db/errors.ts';
import type { AuthorizationUserRoles } from '../../../db/queries/authorization-user-roles.ts';
import { ForbiddenError, InvalidPolicyError } from '../../rbac/errors.ts';
import { isSiteRoleName, RETIRED_AGENTS_ACCESS, RoleNames } from '../../rbac/role-names.ts';
import { createSubject } from '../../rbac/subject.ts';
import type { RoleRef, ScopeSpec, Subject, SubjectNotice } from '../../rbac/types.ts';
import type { AuthorizedStore } from '../authorized-store.ts';
import { customRoleNames, type MembershipWithOrg, resolveOrgRoles } from './resolve-org-roles.ts';

/** Options of `buildSubject`. */
export interface BuildSubjectOptions {
  /** The session's scope (an API key's scopes and allow list); defaults to `coder:all`. */
  readonly scope?: ScopeSpec;
  /**
   * The user's rows already read through the restricted system actor (`getAuthorizationUserRoles`,
   * or the `user` of `getApiKeyAuthorization`, where `null` means a missing or deleted user): no
   * statement is sent for them. Rows of another user are an `InvalidInputError`.
   */
  readonly loaded?: AuthorizationUserRoles | null;
}

/** The user's authorization rows: the ones handed in, else one statement as the restricted system actor. */
async function userRows(
  store: AuthorizedStore,
  userId: string,
  loaded: AuthorizationUserRoles | null | undefined,
): Promise<AuthorizationUserRoles> {
  if (loaded === undefined) {
    return store.asSystemRestricted().getAuthorizationUserRoles({ userId });
  }
  // The same answer `getAuthorizationUserRoles` gives for a missing or deleted user.
  if (loaded === null) throw new NotFoundError('user');
  if (loaded.id !== userId) {
    throw new InvalidInputError('loaded', `rows of user ${loaded.id}, not of ${userId}`);
  }
  return loaded;
}

/** Site roles: stored built-in names plus the implied `member`; any other name is dangling. */
function siteRoles(userId: string, stored: readonly string[]): RoleRef[] {
  const names = new Set<string>([RoleNames.member]);
  for (const name of stored) {
    if (name === RETIRED_AGENTS_ACCESS) continue;
    if (!isSiteRoleName(name)) {
      throw new InvalidPolicyError(`dangling site role "${name}" of user ${userId}`);
    }
    names.add(name);
  }
  return [...names];
}

/**
 * Loads a user's subject through the restricted system actor: site roles (plus the implied
 * `member`), every live org membership with its stored roles UNIONED with the org's
 * `default_org_member_roles` and `organization-member` built for the org's
 * `shareable_workspace_owners`, custom roles loaded by name and converted to role values, and the
 * user's groups (explicit plus each org's Everyone group). It costs at most two statements
 * whatever the number of orgs and groups: one for the user, memberships and groups
 * (`getAuthorizationUserRoles`, none when `options.loaded` hands those rows in), and one for the
 * custom roles, only when a membership needs one.
 *
 * Fails closed: a missing or deleted user is a `NotFoundError` (`not_found`: the system actor may
 * read users, so nothing is hidden from it); a **suspended** user is a `ForbiddenError` with
 * reason `user_suspended` (as in Coder, suspended users cannot authenticate; a `dormant` user
 * still can, and the login flow reactivates it); a stored site role name that is not a site role
 * is an `InvalidPolicyError`. A custom role that no longer exists is dropped and a stored
 * permission this version cannot apply is left out (see `resolveOrgRoles`): the subject's
 * `notices` say what, and the authorized store reports them with each decision.
 * @example const subject = await buildSubject(store, session.userId); store.as(subject)...
 */
export async function buildSubject(
  store: AuthorizedStore,
  userId: string,
  options: BuildSubjectOptions = {},
): Promise<Subject> {
  const system = store.asSystemRestricted();
  // One statement (none when loaded): the user, each live membership with its org's settings,
  // and the group ids.
  const user = await userRows(store, userId, options.loaded);
  if (user.status === 'suspended') {
    throw new ForbiddenError({ actor: userId, reason: 'user_suspended' });
  }
  const memberships: readonly MembershipWithOrg[] = user.memberships;
  // At most one more, and only when a membership names a custom role.
  const wanted = memberships.flatMap((m) =>
    customRoleNames(m).map((name) => ({ organizationId: m.org.id, name })),
  );
  const customRoles =
    wanted.length === 0 ? [] : await system.getCustomRolesByNames({ roles: wanted });
  const notices: SubjectNotice[] = [];
  return createSubject({
    id: user.id,
    roles: [
      ...siteRoles(user.id, user.siteRoles),
      ...memberships.flatMap((m) => resolveOrgRoles(m, customRoles, notices)),
    ],
    groups: user.groupIds,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
    type: 'user',
    notices,
  });
}
