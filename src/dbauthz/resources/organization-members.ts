import { organizationMembers } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/**
 * `organization_members` rows as `organization_member` objects: in the org, owned by the member
 * (so members may read their own), identified by the member's user id.
 */
export const organizationMemberResource = defineResource({
  type: 'organization_member',
  table: organizationMembers,
  columns: { id: 'userId', owner: 'userId', org: 'organizationId' },
});

/** The column map of `organization_members` (from `organizationMemberResource`). */
export const organizationMemberColumns = organizationMemberResource.columns;

/** A membership row as its RBAC object (from `organizationMemberResource`). */
export const organizationMemberObject = organizationMemberResource.object;
