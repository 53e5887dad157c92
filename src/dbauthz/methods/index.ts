import type { RawStore } from '../../../db/queries/index.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { apiKeysMethods } from './api-keys.ts';
import { customRolesMethods } from './custom-roles.ts';
import { filesMethods } from './files.ts';
import { groupsMethods } from './groups.ts';
import { logAreasMethods } from './log-areas.ts';
import { organizationMembersMethods } from './organization-members.ts';
import { organizationsMethods } from './organizations.ts';
import { userRolesMethods } from './user-roles.ts';
import { usersMethods } from './users.ts';
import { workspaceAreasMethods } from './workspace-areas.ts';

/**
 * Every declared store method, merged from one record per area. Add an area here; the accounting
 * test in test/dbauthz names any raw method still missing a declaration or a spec row.
 */
export const declarations: Declarations<RawStore> = {
  ...usersMethods,
  ...workspaceAreasMethods,
  ...organizationsMethods,
  ...organizationMembersMethods,
  ...groupsMethods,
  ...customRolesMethods,
  ...userRolesMethods,
  ...apiKeysMethods,
  ...filesMethods,
  ...logAreasMethods,
};
