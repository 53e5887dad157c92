import fc from 'fast-check';
import type { Action, ResourceType } from '../../../src/rbac/catalogue.ts';
import { createSubject } from '../../../src/rbac/subject.ts';
import type { RoleRef, ScopeSpec, Subject } from '../../../src/rbac/types.ts';
import { ids } from './arbitraries.ts';

const { alice, bob, orgA, orgB, group } = ids;

/** Roles whose filters differ by action and type: org floors, admins, a ban, site roles. */
const roles: readonly RoleRef[] = [
  'member',
  'template-admin',
  'auditor',
  { name: 'organization-member', org: orgA },
  { name: 'organization-member', org: orgB },
  { name: 'organization-admin', org: orgB },
  { name: 'organization-template-admin', org: orgA },
  { name: 'organization-user-admin', org: orgA },
  { name: 'organization-auditor', org: orgB },
  { name: 'organization-workspace-access', org: orgA },
  { name: 'organization-workspace-creation-ban', org: orgA },
];

const scopes: readonly ScopeSpec[] = [
  'coder:all',
  'coder:all',
  'workspace:read',
  'template:use',
  { scopes: ['coder:all'], allowList: [{ type: 'template', id: alice }] },
];

/** A subject of the shared id pool: some roles, maybe a group, and a scope. */
export const cacheSubjectArbitrary: fc.Arbitrary<Subject> = fc
  .record({
    id: fc.constantFrom(alice, bob),
    roles: fc.subarray([...roles], { minLength: 1 }),
    groups: fc.subarray([group, orgA]),
    scope: fc.constantFrom(...scopes),
  })
  .map((s) => createSubject(s));

/** (action, type) questions whose answers differ for the subjects above; drawn with repeats. */
export const cacheQuestions: readonly (readonly [Action, ResourceType])[] = [
  ['read', 'template'],
  ['update', 'template'],
  ['use', 'template'],
  ['delete', 'template'],
  ['read', 'workspace'],
  ['update', 'workspace'],
  ['ssh', 'workspace'],
  ['read', 'workspace_dormant'],
  ['read', 'group'],
  ['update', 'group'],
  ['read', 'group_member'],
  ['read', 'file'],
  ['read', 'organization_member'],
];
