import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { roleChangeDelta } from '../../rbac/assign.ts';
import { isSiteRoleName, RoleNames } from '../../rbac/role-names.ts';
import type { CallContext } from '../call-context.ts';
import { userObject } from '../objects/user.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import { authorizeRoleChange, inputRoleNames } from '../wrappers/authorize-role-change.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { custom } from '../wrappers/ordered-checks.ts';
import type { InputOf, OutputOf } from '../wrappers/raw-io.ts';

/** `member` is implied for every user: it is on both sides of a change, so never in its delta. */
const withMember = (roles: readonly string[]) => [...roles, RoleNames.member];

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
  authorizeRoleChange(
    ctx,
    { type: 'assign_role' },
    roleChangeDelta(withMember(before), withMember(after)),
  );
}

/** Authorization of site role administration and subject loading (domain.md: users, roles). */
export const userRolesMethods = {
  /**
   * Site roles: only built-in site role names (custom roles are org-scoped here); the user is read
   * first (it is returned), then only the delta is checked on `assign_role`.
   */
  updateUserRoles: custom<
    RawStore,
    InputOf<RawStore, 'updateUserRoles'>,
    OutputOf<RawStore, 'updateUserRoles'>
  >(async (ctx, call, input) => {
    const wanted = siteRoleNames(input.roles);
    const user = await ctx.fetch(ctx.raw.getUserById({ id: input.id }), 'read');
    ctx.authorize('read', userObject(user));
    authorizeSiteRoleChange(ctx as CallContext<unknown>, user.rbacRoles, wanted);
    return call(input);
  }),
  /**
   * The roles of a user for building a subject: Coder's `asSystemRestricted` only, expressed as
   * `system` read, which the restricted system actor (and a site owner) holds and no other role does.
   */
  getUserRoles: authorizeArgs('read', () => ({ type: 'system' })),
} satisfies Declarations<RawStore>;
