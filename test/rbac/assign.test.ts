import { describe, expect, it } from 'vitest';
import { canAssignRole, type RoleRef, roleChangeDelta } from '../../src/rbac/index.ts';
import { A, B, inOrg } from './fixtures.ts';

const site = ['owner', 'auditor', 'member', 'template-admin', 'user-admin'];
const org = [
  'organization-admin',
  'organization-member',
  'organization-auditor',
  'organization-user-admin',
  'organization-template-admin',
  'organization-workspace-creation-ban',
  'organization-workspace-access',
];
const targets: RoleRef[] = [
  ...site,
  'my-custom-site-role',
  ...org.map((name) => inOrg(name, A)),
  inOrg('my-custom-org-role', A),
  inOrg('organization-service-account', A),
  'agents-access',
  inOrg('agents-access', A),
];
const label = (r: RoleRef) => (typeof r === 'string' ? r : r.name);

// catalogue-and-roles.md §3, by hand: who may assign which target (targets in org A).
const table: [string, RoleRef[], string[]][] = [
  ['system', ['system'], [...site, 'my-custom-site-role', ...org, 'my-custom-org-role']],
  ['owner', ['owner'], [...site, 'my-custom-site-role', ...org, 'my-custom-org-role']],
  [
    'user-admin',
    ['user-admin'],
    ['member', 'organization-member', 'organization-workspace-access'],
  ],
  ['organization-admin in A', [inOrg('organization-admin', A)], [...org, 'my-custom-org-role']],
  [
    'organization-user-admin in A',
    [inOrg('organization-user-admin', A)],
    ['organization-member', 'organization-workspace-access'],
  ],
  ['organization-admin in B', [inOrg('organization-admin', B)], []],
  ['member', ['member'], []],
  ['auditor', ['auditor'], []],
  ['template-admin', ['template-admin'], []],
  ['organization-auditor in A', [inOrg('organization-auditor', A)], []],
  ['organization-template-admin in A', [inOrg('organization-template-admin', A)], []],
];

describe('canAssignRole (assignability table)', () => {
  for (const [name, actor, allowed] of table) {
    it(`${name} may assign exactly ${allowed.length === 0 ? 'nothing' : allowed.join(', ')}`, () => {
      const got = targets.filter((t) => canAssignRole(actor, t)).map(label);
      expect(got).toEqual(targets.map(label).filter((t) => allowed.includes(t)));
    });
  }

  it('nobody assigns organization-service-account or agents-access', () => {
    for (const [, actor] of table) {
      expect(canAssignRole(actor, inOrg('organization-service-account', A))).toBe(false);
      expect(canAssignRole(actor, 'agents-access')).toBe(false);
    }
  });

  it('an org admin cannot hand out site roles, nor org roles of another org', () => {
    const admin = [inOrg('organization-admin', A)];
    expect(canAssignRole(admin, 'member')).toBe(false);
    expect(canAssignRole(admin, inOrg('organization-auditor', B))).toBe(false);
    expect(
      canAssignRole([...admin, inOrg('organization-admin', B)], inOrg('organization-auditor', B)),
    ).toBe(true);
  });

  it('any held role may grant: the actor roles are unioned', () => {
    expect(canAssignRole(['member', 'user-admin'], 'member')).toBe(true);
  });
});

describe('roleChangeDelta', () => {
  it('returns only what changed, by name and org', () => {
    const before: RoleRef[] = [
      'member',
      inOrg('organization-member', A),
      inOrg('organization-auditor', A),
    ];
    const after: RoleRef[] = [
      'member',
      'member',
      inOrg('organization-member', A),
      inOrg('organization-auditor', B),
    ];
    expect(roleChangeDelta(before, after)).toEqual({
      added: [{ name: 'organization-auditor', org: B }],
      removed: [{ name: 'organization-auditor', org: A }],
    });
    expect(roleChangeDelta(before, before)).toEqual({ added: [], removed: [] });
  });
});
