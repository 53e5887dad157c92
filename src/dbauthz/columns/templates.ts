import { templates } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `templates` rows as `template` objects: org-owned, with user and group ACLs. */
export const templateColumns: ColumnMap = {
  id: templates.id,
  org: templates.organizationId,
  aclUsers: templates.userAcl,
  aclGroups: templates.groupAcl,
};
