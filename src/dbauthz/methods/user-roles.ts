import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { users } from '../../../db/schema/index.ts';
import { isSiteRoleName, RoleNames } from '../../rbac/role-names.ts';
import { filterAnd } from '../../sql/combine-filters.ts';
import type { CallContext } from '../call-context.ts';
import {
  authorizeRoleChange,
  inputRoleNames,
  roleWriteChange,
} from '../checks/authorize-role-change.ts';
import { sameRoleSet } from '../checks/same-role-set.ts';
import { userColumns, userObject } from '../resources/users.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import { casWrite } from '../wrappers/cas-write.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { custom } from '../wrappers/ordered-checks.ts';

/** The site role names of an input field, or `InvalidInputError` (no check, no query) for any other name. */
export function siteRoleNames(roles: unknown, field = 'roles'): string[] {
  const wanted = inputRoleNames(roles, field);
  const unknown = wanted.filter((name) => !isSiteRoleName(name));
  if (unknown.length > 0) {
    throw new InvalidInputError(field, `not a site role: ${unknown.join(', ')}`);
  }
  return wanted;
}

/**
 * A change of a user's site roles from `before` to `after` (validated names): the delta on
 * `assign_role` and the assignability table. Shared by `updateUserRoles` and `insertUser` (an
 * assignment from no roles).
 */
export function authorizeSiteRoleChange(
  ctx: CallContext<unknown>,
  before: readonly string[],
  after: readonly string[],
): void {
  // `member` is implied for every user: never part of a change.
  authorizeRoleChange(
    ctx,
    { type: 'assign_role' },
    roleWriteChange(before, after, RoleNames.member),
  );
}

/** Authorization of site role administration and subject loading (domain.md: users, roles). */
export const userRolesMethods = {
  /**
   * Site roles: only built-in site role names (custom roles are org-scoped here); the user is read
   * first, then the change is checked on `assign_role` (its delta; a write that changes nothing
   * needs the right to assign what it writes). The write compares-and-sets the roles it read, with
   * the actor's `user` read filter in the same statement: if they changed meanwhile nothing is
   * written and the call fails with `serialization_failure` (retryable: a retry reads and checks
   * again), so a role write can never undo a concurrent revoke.
   */
  updateUserRoles: custom(async (ctx, call, input) => {
    const wanted = siteRoleNames(input.roles);
    const user = await ctx.fetch(ctx.raw.getUserById({ id: input.id }), 'read');
    ctx.authorize('read', userObject(user));
    authorizeSiteRoleChange(ctx as CallContext<unknown>, user.rbacRoles, wanted);
    const guard = filterAnd(
      ctx.filter('read', 'user', userColumns),
      sameRoleSet(users.rbacRoles, user.rbacRoles),
    );
    return casWrite(guard, call, input);
  }),
  /**
   * The roles of a user for building a subject: Coder's `asSystemRestricted` only, expressed as
   * `system` read, which the restricted system actor (and a site owner) holds and no other role does.
   */
  getUserRoles: authorizeArgs('read', () => ({ type: 'system' })),
  /**
   * The same for `buildSubject` in one statement (roles, memberships with their org settings,
   * groups): like `getUserRoles`, `system` read, so only system actors (and a site owner) reach it.
   */
  getAuthorizationUserRoles: authorizeArgs('read', () => ({ type: 'system' })),
} satisfies Declarations<RawStore>;
