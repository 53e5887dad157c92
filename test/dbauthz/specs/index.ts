import type { SpecRow } from '../support/spec-row.ts';
import { apiKeysSpecs } from './api-keys.ts';
import { customRolesSpecs } from './custom-roles.ts';
import { filesSpecs } from './files.ts';
import { groupsSpecs } from './groups.ts';
import { logAreasSpecs } from './log-areas.ts';
import { organizationMembersSpecs } from './organization-members.ts';
import { organizationsSpecs } from './organizations.ts';
import { userRolesSpecs } from './user-roles.ts';
import { usersSpecs } from './users.ts';
import { workspaceAreasSpecs } from './workspace-areas.ts';

/** Every spec row of the audit suite; add an area's rows here with its declarations. */
export const specs: readonly SpecRow[] = [
  ...usersSpecs,
  ...workspaceAreasSpecs,
  ...organizationsSpecs,
  ...[organizationMembersSpecs, groupsSpecs, customRolesSpecs, userRolesSpecs].flat(),
  ...[apiKeysSpecs, filesSpecs].flat(),
  ...logAreasSpecs,
];
