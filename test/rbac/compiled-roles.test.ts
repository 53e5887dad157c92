// A role compiles once per process, keyed by its content: subjects (and authorizers) holding roles
// of equal content share one compiled role; a custom role whose content changes compiles anew; the
// caches behind it are bounded.
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/rbac/bounded-cache.ts';
import { compileRole, rolesCompiled } from '../../src/rbac/compiled-role.ts';
import {
  createAuthorizer,
  createSubject,
  defineOrgRole,
  defineRole,
  object,
  organizationMemberRole,
  permissions,
  type Role,
} from '../../src/rbac/index.ts';

// Org ids used by no other test in this file, so the first compile of each role is a real miss.
let nextOrg = 0;
const freshOrg = () => `compiled-roles-org-${++nextOrg}`;

/** A custom org role as the store converts one from its row: a new object on every call. */
const reviewer = (org: string, actions: readonly ('read' | 'update')[] = ['read']): Role =>
  defineOrgRole({ name: 'reviewer', org, orgPerms: permissions({ template: actions }) });

describe('compiled roles', () => {
  it('compile once for two subjects whose roles have equal content but are different objects', () => {
    const org = freshOrg();
    const authz = createAuthorizer();
    const template = object('template').withId('t1').inOrg(org);

    const before = rolesCompiled();
    const first = createSubject({
      id: 'alice',
      roles: [organizationMemberRole(org), reviewer(org)],
    });
    expect(authz.authorize(first, 'read', template)).toBe(true);
    const afterFirst = rolesCompiled();
    expect(afterFirst).toBeGreaterThan(before); // the counter does move on a miss

    const secondRole = reviewer(org);
    expect(secondRole).not.toBe(first.roles[1]);
    const second = createSubject({ id: 'bob', roles: [organizationMemberRole(org), secondRole] });
    expect(authz.authorize(second, 'read', template)).toBe(true);
    expect(rolesCompiled()).toBe(afterFirst);
  });

  it('are shared across authorizers and subject objects (one per process)', () => {
    const org = freshOrg();
    const roles = [organizationMemberRole(org), reviewer(org)];
    createAuthorizer().compile(createSubject({ id: 'alice', roles }));
    const count = rolesCompiled();
    createAuthorizer().compile(createSubject({ id: 'carol', roles: [...roles] }));
    createAuthorizer().compile({ id: 'dave', roles, groups: [], scope: 'coder:all' });
    expect(rolesCompiled()).toBe(count);
  });

  it('are the same object for equal content, whatever the name', () => {
    const org = freshOrg();
    const a = compileRole(reviewer(org));
    expect(compileRole(reviewer(org))).toBe(a);
    const renamed = defineOrgRole({
      name: 'another-name',
      org,
      orgPerms: permissions({ template: ['read'] }),
    });
    expect(compileRole(renamed)).toBe(a);
  });

  it('compile anew when a custom role content changes, and the decision follows', () => {
    const org = freshOrg();
    const authz = createAuthorizer();
    const template = object('template').withId('t1').inOrg(org);
    const old = createSubject({ id: 'alice', roles: [reviewer(org, ['read'])] });
    expect(authz.authorize(old, 'update', template)).toBe(false);
    const count = rolesCompiled();

    const changed = createSubject({ id: 'alice', roles: [reviewer(org, ['read', 'update'])] });
    expect(authz.authorize(changed, 'update', template)).toBe(true);
    expect(rolesCompiled()).toBe(count + 1);
    expect(compileRole(changed.roles[0] as Role)).not.toBe(compileRole(old.roles[0] as Role));
    // The old content still decides as before: nothing was overwritten.
    expect(authz.authorize(old, 'update', template)).toBe(false);
  });

  it('differ for a negated permission, another org or another level', () => {
    const org = freshOrg();
    const base = compileRole(reviewer(org));
    const denied = defineOrgRole({
      name: 'reviewer',
      org,
      orgPerms: permissions({ template: ['read'] }, true),
    });
    const member = defineOrgRole({
      name: 'reviewer',
      org,
      memberPerms: permissions({ template: ['read'] }),
    });
    const site = defineRole({ name: 'reviewer', site: permissions({ template: ['read'] }) });
    const keys = [base, compileRole(denied), compileRole(member), compileRole(reviewer(freshOrg()))]
      .concat(compileRole(site))
      .map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keep an org without permissions, since holding it makes a member', () => {
    const org = freshOrg();
    const empty = defineRole({ name: 'empty', byOrg: { [org]: {} } });
    expect(compileRole(empty).orgs.map((o) => o.org)).toEqual([org]);
    const authz = createAuthorizer();
    const subject = createSubject({ id: 'alice', roles: [empty] });
    const shared = object('template')
      .withId('t1')
      .inOrg(org)
      .withAclUsers({ alice: ['read'] });
    expect(authz.authorize(subject, 'read', shared)).toBe(true);
  });
  it('still decide for a list too long to intern, compiling it per list object instead', () => {
    const org = freshOrg();
    // ~800 permissions (over 10,000 characters): beyond the interned maximum, so no content key is shared.
    const many = Array.from({ length: 400 }, () =>
      permissions({ template: ['read', 'use'] }),
    ).flat();
    const huge = () =>
      defineOrgRole({ name: 'huge', org, orgPerms: [...many, ...permissions({ file: ['read'] })] });
    const authz = createAuthorizer();
    const count = rolesCompiled();
    for (let i = 0; i < 2; i++) {
      const subject = createSubject({ id: 'alice', roles: [huge()] });
      expect(authz.authorize(subject, 'use', object('template').withId('t').inOrg(org))).toBe(true);
      expect(authz.authorize(subject, 'read', object('file').withId('f').inOrg(org))).toBe(true);
      expect(authz.authorize(subject, 'update', object('template').withId('t').inOrg(org))).toBe(
        false,
      );
    }
    expect(rolesCompiled()).toBe(count + 2);
  });
});

describe('BoundedCache', () => {
  it('never holds more than its capacity, however many keys arrive', () => {
    const cache = new BoundedCache<string, number>(100);
    for (let i = 0; i < 10_000; i++) {
      cache.set(`k${i}`, i);
      expect(cache.size).toBeLessThanOrEqual(100);
    }
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.get('k9999')).toBe(9999);
  });

  it('keeps an entry that is read while others churn', () => {
    const cache = new BoundedCache<string, number>(10);
    cache.set('hot', 1);
    for (let i = 0; i < 1000; i++) {
      expect(cache.get('hot')).toBe(1);
      cache.set(`cold${i}`, i);
    }
    expect(cache.get('hot')).toBe(1);
    expect(cache.get('cold0')).toBeUndefined();
  });
});
