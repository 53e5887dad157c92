// Shared fixtures of the rbac tests: org ids and subjects built from role names.
import { createSubject, type RoleRef, type ScopeSpec, type Subject } from '../../src/rbac/index.ts';

export const A = 'org-a';
export const B = 'org-b';

/** `{ name, org }` for an org role. */
export const inOrg = (name: string, org: string): RoleRef => ({ name, org });

/** What every plain member of `org` holds: `member`, `organization-member`, workspace access. */
export const memberOf = (org: string): RoleRef[] => [
  'member',
  inOrg('organization-member', org),
  inOrg('organization-workspace-access', org),
];

/** A frozen subject with the given roles (and optional groups / scope). */
export function subject(
  id: string,
  roles: readonly RoleRef[],
  extra: { groups?: readonly string[]; scope?: ScopeSpec } = {},
): Subject {
  return createSubject({ id, roles, ...extra });
}
