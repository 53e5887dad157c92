import { templates } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/** `templates` rows as `template` objects: in their org, with user and group ACLs (Everyone = org id). */
export const templateResource = defineResource({
  type: 'template',
  table: templates,
  columns: { id: 'id', org: 'organizationId', aclUsers: 'userAcl', aclGroups: 'groupAcl' },
});

/** The column map of `templates` (from `templateResource`). */
export const templateColumns = templateResource.columns;

/** A template row as its RBAC object (from `templateResource`). */
export const templateObject = templateResource.object;
