import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { roleChangeDelta } from '../../rbac/assign.ts';
import { isSiteRoleName, RoleNames } from '../../rbac/role-names.ts';
import { userObject } from '../objects/user.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import { authorizeRoleChange, inputRoleNames } from '../wrappers/authorize-role-change.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { custom } from '../wrappers/ordered-checks.ts';
import type { InputOf, OutputOf } from '../wrappers/raw-io.ts';

/** `member` is implied for every user: it is on both sides of a change, so never in its delta. */
const withMember = (roles: readonly string[]) => [...roles, RoleNames.member];

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
    const wanted = inputRoleNames(input.roles);
    const unknown = wanted.filter((name) => !isSiteRoleName(name));
    if (unknown.length > 0) {
      throw new InvalidInputError('roles', `not a site role: ${unknown.join(', ')}`);
    }
    const user = await ctx.fetch(ctx.raw.getUserById({ id: input.id }), 'read');
    ctx.authorize('read', userObject(user));
    const change = roleChangeDelta(withMember(user.rbacRoles), withMember(wanted));
    authorizeRoleChange(ctx, { type: 'assign_role' }, change);
    return call(input);
  }),
  /**
   * The roles of a user for building a subject: Coder's `asSystemRestricted` only, expressed as
   * `system` read, which the restricted system actor (and a site owner) holds and no other role does.
   */
  getUserRoles: authorizeArgs('read', () => ({ type: 'system' })),
} satisfies Declarations<RawStore>;
