import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { userColumns, userObject } from '../resources/users.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { guardedWrite, rowGuard } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';
import { authorizeSiteRoleChange, siteRoleNames } from './user-roles.ts';

/** Authorization of the `users` area (domain.md: users). */
export const usersMethods = {
  getUserById: fetchThenAuthorize('read', userObject),
  getUserByUsername: fetchThenAuthorize('read', userObject),
  listUsers: filteredList('read', 'user', userColumns),
  countUsers: filteredCount('read', 'user', userColumns),
  /**
   * `user` create; given `rbacRoles` are an assignment from no roles (exactly `updateUserRoles`'s
   * checks: site role names only, `assign` on `assign_role`, the assignability table); a system
   * user (`isSystem: true`) also needs `system` create, which no role but a site owner holds.
   */
  insertUser: custom(async (ctx, call, input) => {
    const roles = input.rbacRoles === undefined ? [] : siteRoleNames(input.rbacRoles, 'rbacRoles');
    ctx.authorize('create', { type: 'user' });
    authorizeSiteRoleChange(ctx as CallContext<unknown>, [], roles);
    if (input.isSystem === true) ctx.authorize('create', { type: 'system' });
    return call(input);
  }),
  /** Guarded writes: the actor's filter rides in the UPDATE (decided on the row it changes). */
  updateUserProfile: guardedWrite(
    'update_personal',
    rowGuard('update_personal', 'user', userColumns),
  ),
  updateUserStatus: guardedWrite('update', rowGuard('update', 'user', userColumns)),
} satisfies Declarations<RawStore>;
