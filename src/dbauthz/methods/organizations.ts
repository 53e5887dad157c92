import { randomUUID } from 'node:crypto';
import type { RawStore } from '../../../db/queries/index.ts';
import { organizations } from '../../../db/schema/index.ts';
import { filterAnd } from '../../sql/combine-filters.ts';
import { authorizeOrgRoleChange } from '../checks/authorize-org-role-change.ts';
import { inputRoleNames } from '../checks/authorize-role-change.ts';
import { sameRoleSet } from '../checks/same-role-set.ts';
import { organizationColumns, organizationObject } from '../resources/organizations.ts';
import { casWrite } from '../wrappers/cas-write.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { guardedWrite, rowGuard } from '../wrappers/guarded-write.ts';
import { custom } from '../wrappers/ordered-checks.ts';

/** The target organization of a write, fetched by the input's `id`. */
const orgById = (raw: RawStore, input: { id: string }) => raw.getOrganizationById({ id: input.id });

/** Authorization of the `organizations` area (domain.md: organizations). */
export const organizationsMethods = {
  getOrganizationById: fetchThenAuthorize('read', organizationObject),
  getOrganizationByName: fetchThenAuthorize('read', organizationObject),
  listOrganizations: filteredList('read', 'organization', organizationColumns),
  countOrganizations: filteredCount('read', 'organization', organizationColumns),
  /**
   * `create` on organizations; `defaultOrgMemberRoles` (held by every member who joins) are then
   * checked as an org role assignment from none, as `updateOrganization` checks a change. The org
   * has no id yet, so the check is made in a fresh org id no one holds a role in: only site-level
   * assign powers count, and only built-in org role names are known (a new org has no custom roles).
   */
  insertOrganization: custom(async (ctx, call, input) => {
    const defaults =
      input.defaultOrgMemberRoles === undefined
        ? undefined
        : inputRoleNames(input.defaultOrgMemberRoles, 'defaultOrgMemberRoles');
    ctx.authorize('create', { type: 'organization' });
    if (defaults !== undefined) {
      await authorizeOrgRoleChange(ctx, randomUUID(), [], defaults, 'defaultOrgMemberRoles');
    }
    return call(input);
  }),
  /**
   * `update` on the org (read first). Every member holds the org's `defaultOrgMemberRoles`, so
   * changing them is an org role assignment: checked like a member's role change (`assign` /
   * `unassign` on `assign_org_role` in the org, the assignability table per role; unknown added
   * names are `InvalidInputError` on `defaultOrgMemberRoles`). The write carries the `update`
   * filter and compares-and-sets the defaults it read: changed meanwhile, it writes nothing and
   * fails with `serialization_failure`.
   */
  updateOrganization: custom(async (ctx, call, input) => {
    const defaults =
      input.defaultOrgMemberRoles === undefined
        ? undefined
        : inputRoleNames(input.defaultOrgMemberRoles, 'defaultOrgMemberRoles');
    const org = await ctx.fetch(orgById(ctx.raw, input), 'update');
    ctx.authorize('update', organizationObject(org));
    if (defaults !== undefined) {
      await authorizeOrgRoleChange(
        ctx,
        org.id,
        org.defaultOrgMemberRoles,
        defaults,
        'defaultOrgMemberRoles',
      );
    }
    const guard = filterAnd(
      ctx.filter('update', 'organization', organizationColumns),
      sameRoleSet(organizations.defaultOrgMemberRoles, org.defaultOrgMemberRoles),
    );
    return casWrite(guard, call, input);
  }),
  /** Guarded `delete`: decided in the UPDATE that soft-deletes. */
  deleteOrganization: guardedWrite(
    'delete',
    rowGuard('delete', 'organization', organizationColumns),
  ),
} satisfies Declarations<RawStore>;
