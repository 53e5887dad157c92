import { organizationMembers } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `organization_members` rows as `organization_member` objects: in the org, owned by the member. */
export const organizationMemberColumns: ColumnMap = {
  id: organizationMembers.userId,
  owner: organizationMembers.userId,
  org: organizationMembers.organizationId,
};
