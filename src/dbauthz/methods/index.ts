import type { RawStore } from '../../../db/queries/index.ts';
import { type AllDeclarations, mergeDeclarations } from '../wrappers/merge-declarations.ts';
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
 * Every store method's declaration, merged from one record per area (a method declared twice
 * throws at load). `satisfies AllDeclarations` makes a raw method without a declaration a compile
 * error naming it; the accounting test in test/dbauthz asks for its spec row.
 */
const merged = mergeDeclarations(
  usersMethods,
  workspaceAreasMethods,
  organizationsMethods,
  organizationMembersMethods,
  groupsMethods,
  customRolesMethods,
  userRolesMethods,
  apiKeysMethods,
  filesMethods,
  logAreasMethods,
) satisfies AllDeclarations<RawStore>;

/**
 * The declarations' own type, area by area: an authorized store typed from it lets the editor go
 * from `store.getWorkspaceById` to the declaration that authorizes it.
 */
export type DeclaredMethods = typeof usersMethods &
  typeof workspaceAreasMethods &
  typeof organizationsMethods &
  typeof organizationMembersMethods &
  typeof groupsMethods &
  typeof customRolesMethods &
  typeof userRolesMethods &
  typeof apiKeysMethods &
  typeof filesMethods &
  typeof logAreasMethods;

/** The merged record under its declared type (the inferred one is too long to emit in `.d.ts`). */
export const declarations: AllDeclarations<RawStore> = merged;
