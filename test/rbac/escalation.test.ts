import { describe, expect, it } from 'vitest';
import {
  assertNoRoleEscalation,
  checkRoleEscalation,
  defineOrgRole,
  defineRole,
  denials,
  ForbiddenError,
  hasErrorCode,
  permissions,
} from '../../src/rbac/index.ts';
import { A, B, inOrg, memberOf, subject } from './fixtures.ts';

const orgAdmin = subject('admin', [...memberOf(A), inOrg('organization-admin', A)]);
const codes = (v: { code: string }[]) => v.map((x) => x.code);

describe('checkRoleEscalation', () => {
  it('lets an org admin create an org role made of what it holds in that org', () => {
    const role = defineOrgRole({
      name: 'template-editor',
      org: A,
      orgPerms: permissions({ template: ['read', 'update'] }),
      memberPerms: permissions({ workspace: ['ssh'] }),
    });
    expect(checkRoleEscalation(orgAdmin, role)).toEqual([]);
  });

  it('reports what the actor does not hold, at the level it is granted', () => {
    const role = defineRole({
      name: 'too-much',
      site: permissions({ template: ['read'] }),
      byOrg: {
        [A]: { org: permissions({ workspace: ['ssh'] }) },
        [B]: { org: permissions({ template: ['read'] }) },
      },
    });
    const violations = checkRoleEscalation(orgAdmin, role);
    expect(
      violations.map((v) => [
        v.code,
        v.level,
        v.org,
        `${v.permission?.type}:${v.permission?.action}`,
      ]),
    ).toEqual([
      ['not_held', 'site', undefined, 'template:read'],
      ['not_held', 'org', A, 'workspace:ssh'],
      ['not_held', 'org', B, 'template:read'],
    ]);
  });

  it('checks user-level grants against objects the actor owns without an org', () => {
    const role = defineRole({
      name: 'own-keys',
      user: permissions({ api_key: ['read'], workspace: ['read'] }),
    });
    const member = subject('m', ['member']);
    expect(checkRoleEscalation(member, role).map((v) => `${v.code}:${v.permission?.type}`)).toEqual(
      ['not_held:workspace'],
    );
  });

  it('refuses negatives, wildcard types and wildcard actions even for an owner', () => {
    const owner = subject('o', ['owner', ...memberOf(A)]);
    const role = defineOrgRole({
      name: 'wild',
      org: A,
      orgPerms: [
        ...permissions({ '*': ['read'], template: ['*'] }),
        ...denials({ workspace: ['ssh'] }),
      ],
    });
    expect(codes(checkRoleEscalation(owner, role))).toEqual([
      'wildcard_type',
      'wildcard_action',
      'negative_permission',
    ]);
  });

  it('refuses reserved names: built-in role names and agents-access', () => {
    const owner = subject('o', ['owner']);
    for (const name of ['owner', 'organization-member', 'agents-access']) {
      expect(codes(checkRoleEscalation(owner, defineRole({ name })))).toEqual(['reserved_name']);
    }
  });

  it('throws invalid_policy for a malformed role and forbidden from the asserting form', () => {
    const bad = {
      name: 'bad',
      site: [{ type: 'workspace', action: 'fly', negate: false }],
      user: [],
      byOrg: {},
    };
    expect(() => checkRoleEscalation(orgAdmin, bad as never)).toThrow(/no action "fly"/);
    const role = defineRole({ name: 'x', site: permissions({ license: ['create'] }) });
    try {
      assertNoRoleEscalation(orgAdmin, role);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(hasErrorCode(error, 'forbidden')).toBe(true);
      expect((error as ForbiddenError).message).toBe('forbidden');
      expect((error as ForbiddenError).detail.reason).toMatch(/license:create at site level/);
    }
  });

  it("respects the actor's scope: a narrowly scoped key cannot mint broader roles", () => {
    const scoped = subject('admin', [...memberOf(A), inOrg('organization-admin', A)], {
      scope: 'workspace:read',
    });
    const role = defineOrgRole({
      name: 'reader',
      org: A,
      orgPerms: permissions({ template: ['read'] }),
    });
    expect(codes(checkRoleEscalation(scoped, role))).toEqual(['not_held']);
  });
});
