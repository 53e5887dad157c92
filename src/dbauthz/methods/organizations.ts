import type { RawStore } from '../../../db/queries/index.ts';
import { organizationColumns } from '../columns/organizations.ts';
import { organizationObject } from '../objects/organization.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import { authorizeOrgRoleChange } from '../wrappers/authorize-org-role-change.ts';
import { inputRoleNames } from '../wrappers/authorize-role-change.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { custom } from '../wrappers/ordered-checks.ts';
import type { InputOf, OutputOf } from '../wrappers/raw-io.ts';

/** The target organization of a write, fetched by the input's `id`. */
const orgById = (raw: RawStore, input: { id: string }) => raw.getOrganizationById({ id: input.id });

/** Authorization of the `organizations` area (domain.md: organizations). */
export const organizationsMethods = {
  getOrganizationById: fetchThenAuthorize('read', organizationObject),
  getOrganizationByName: fetchThenAuthorize('read', organizationObject),
  listOrganizations: filteredList('read', 'organization', organizationColumns),
  countOrganizations: filteredCount('read', 'organization', organizationColumns),
  insertOrganization: authorizeArgs('create', () => ({ type: 'organization' })),
  /**
   * `update` on the org (read first). Every member holds the org's `defaultOrgMemberRoles`, so
   * changing them is an org role assignment: the delta is checked like a member's role change
   * (`assign`/`unassign` on `assign_org_role` in the org, the assignability table per role;
   * unknown added names are `InvalidInputError` on `defaultOrgMemberRoles`).
   */
  updateOrganization: custom<
    RawStore,
    InputOf<RawStore, 'updateOrganization'>,
    OutputOf<RawStore, 'updateOrganization'>
  >(async (ctx, call, input) => {
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
    return call(input);
  }),
  deleteOrganization: fetchThenMutate(orgById, 'delete', organizationObject),
} satisfies Declarations<RawStore>;
