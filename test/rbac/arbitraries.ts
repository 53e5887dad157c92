// fast-check generators for the rbac property tests: small id pools so owners, orgs, groups, ACL
// keys and allow-list ids collide often.
import fc from 'fast-check';
import {
  type Action,
  allActions,
  catalogue,
  createSubject,
  defineRole,
  organizationMemberRole,
  organizationServiceAccountRole,
  type Permission,
  type RbacObject,
  type ResourceType,
  type Role,
  type RoleRef,
  type Scope,
  type ScopeSpec,
  type Subject,
} from '../../src/rbac/index.ts';

export const users = ['u1', 'u2', 'u3'];
export const orgs = ['o1', 'o2', 'o3'];
export const groups = ['g1', 'g2'];
const objectIds = ['x1', 'x2', 'x3'];

/** Types whose roles differ in interesting ways (ownership, org floor, bans, dormant, secrets). */
export const types: ResourceType[] = [
  'workspace',
  'workspace_dormant',
  'template',
  'file',
  'api_key',
  'user',
  'group',
  'organization_member',
  'chat',
  'user_secret',
];

const actionOf = (type: ResourceType) => fc.constantFrom(...(catalogue[type] as readonly Action[]));

const permission: fc.Arbitrary<Permission> = fc
  .record({
    type: fc.constantFrom<ResourceType | '*'>('*', ...types),
    negate: fc.boolean(),
    wildAction: fc.boolean(),
    pick: fc.nat(),
  })
  .map(({ type, negate, wildAction, pick }) => {
    const actions = type === '*' ? allActions : (catalogue[type] as readonly Action[]);
    const action = wildAction ? '*' : actions[pick % actions.length]!;
    return { type, action, negate } as Permission;
  });

const perms = fc.array(permission, { maxLength: 4 });

/** A custom role with permissions at every level, negatives and wildcards included. */
export const customRole: fc.Arbitrary<Role> = fc
  .record({
    site: perms,
    user: perms,
    byOrg: fc.dictionary(fc.constantFrom(...orgs), fc.record({ org: perms, member: perms }), {
      maxKeys: 2,
    }),
    n: fc.nat(99),
  })
  .map(({ n, ...levels }) => defineRole({ name: `custom-${n}`, ...levels }));

const orgRoleName = fc.constantFrom(
  'organization-admin',
  'organization-auditor',
  'organization-user-admin',
  'organization-template-admin',
  'organization-workspace-creation-ban',
  'organization-workspace-access',
  'organization-member',
  'organization-service-account',
  'agents-access',
);
const sharing = fc.constantFrom('everyone', 'service_accounts', 'none') as fc.Arbitrary<
  'everyone' | 'service_accounts' | 'none'
>;

const roleRef: fc.Arbitrary<RoleRef> = fc.oneof(
  fc.constantFrom('owner', 'member', 'auditor', 'template-admin', 'user-admin', 'agents-access'),
  fc.record({ name: orgRoleName, org: fc.constantFrom(...orgs) }),
  fc.tuple(fc.constantFrom(...orgs), sharing).map(([org, s]) => organizationMemberRole(org, s)),
  fc
    .tuple(fc.constantFrom(...orgs), sharing)
    .map(([org, s]) => organizationServiceAccountRole(org, s)),
  customRole,
);

const allowEntry = fc.record({
  type: fc.constantFrom<ResourceType | '*'>('*', ...types),
  id: fc.constantFrom('*', '', ...objectIds),
});

const scopeName = fc.constantFrom(
  'coder:all',
  'all',
  'coder:application_connect',
  'no_user_data',
  'coder:workspaces.create',
  'coder:workspaces.operate',
  'coder:workspaces.access',
  'coder:templates.author',
  'workspace:read',
  'workspace:*',
  'template:use',
  'api_key:*',
);

const customScope: fc.Arbitrary<Scope> = fc
  .record({ role: customRole, allowList: fc.array(allowEntry, { maxLength: 3 }) })
  .map(({ role, allowList }) => ({ name: `scope-${role.name}`, role, allowList }));

const scope: fc.Arbitrary<ScopeSpec> = fc.oneof(
  { arbitrary: fc.constant('coder:all'), weight: 3 },
  { arbitrary: scopeName, weight: 2 },
  { arbitrary: customScope, weight: 1 },
  {
    arbitrary: fc.record(
      {
        scopes: fc.array(fc.oneof(scopeName, customScope), { maxLength: 3 }),
        allowList: fc.array(allowEntry, { maxLength: 3 }),
      },
      { requiredKeys: ['scopes'] },
    ),
    weight: 2,
  },
);

/** A random subject: role mixes across three orgs, custom roles, groups and scopes. */
export const subject: fc.Arbitrary<Subject> = fc
  .record({
    id: fc.constantFrom(...users),
    roles: fc.array(roleRef, { maxLength: 5 }),
    groups: fc.subarray(groups),
    scope,
  })
  .map((s) => createSubject(s));

const missingValue = fc.constantFrom(undefined, null, '');
const aclMap = (type: ResourceType) =>
  fc.dictionary(
    fc.constantFrom(...users, ...groups, ...orgs, 'other'),
    fc.array(fc.oneof(actionOf(type), fc.constant<'*'>('*')), { maxLength: 2 }),
    { maxKeys: 3 },
  );

/** A random row of `type` (never `anyOrg`: rows have a concrete org or none). */
export const rowOf = (type: ResourceType): fc.Arbitrary<RbacObject> =>
  fc
    .record(
      {
        id: fc.oneof(fc.constantFrom(...objectIds), missingValue),
        owner: fc.oneof(fc.constantFrom(...users), missingValue),
        org: fc.oneof(fc.constantFrom(...orgs, 'o9'), missingValue),
        aclUsers: aclMap(type),
        aclGroups: aclMap(type),
      },
      { requiredKeys: [] },
    )
    .map((fields) => ({ type, ...fields }) as RbacObject);

/** A type, one of its actions, and rows of that type. */
export const typeActionRows = fc
  .constantFrom(...types)
  .chain((type) =>
    fc.tuple(
      fc.constant(type),
      actionOf(type),
      fc.array(rowOf(type), { minLength: 1, maxLength: 6 }),
    ),
  );
