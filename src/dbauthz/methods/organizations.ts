import type { RawStore } from '../../../db/queries/index.ts';
import { organizationColumns } from '../columns/organizations.ts';
import { organizationObject } from '../objects/organization.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';

/** The target organization of a write, fetched by the input's `id`. */
const orgById = (raw: RawStore, input: { id: string }) => raw.getOrganizationById({ id: input.id });

/** Authorization of the `organizations` area (domain.md: organizations). */
export const organizationsMethods = {
  getOrganizationById: fetchThenAuthorize('read', organizationObject),
  getOrganizationByName: fetchThenAuthorize('read', organizationObject),
  listOrganizations: filteredList('read', 'organization', organizationColumns),
  countOrganizations: filteredCount('read', 'organization', organizationColumns),
  insertOrganization: authorizeArgs('create', () => ({ type: 'organization' })),
  updateOrganization: fetchThenMutate(orgById, 'update', organizationObject),
  deleteOrganization: fetchThenMutate(orgById, 'delete', organizationObject),
} satisfies Declarations<RawStore>;
