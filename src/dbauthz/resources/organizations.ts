import { organizations } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/** `organizations` rows as `organization` objects: the org is the row itself, so its org roles apply. */
export const organizationResource = defineResource({
  type: 'organization',
  table: organizations,
  columns: { id: 'id', org: 'id' },
});

/** The column map of `organizations` (from `organizationResource`). */
export const organizationColumns = organizationResource.columns;

/** An organization row as its RBAC object (from `organizationResource`). */
export const organizationObject = organizationResource.object;
