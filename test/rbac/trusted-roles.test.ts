// Role values the library built are trusted (validated once, deeply frozen) and skip zod when a
// subject is created; anything built by hand, or copied and changed, is validated in full.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authorize,
  createAuthorizer,
  createSubject,
  defineOrgRole,
  defineRole,
  InvalidPolicyError,
  object,
  orgAdminRole,
  organizationMemberRole,
  permissions,
  type Role,
  RoleRefSchema,
  SubjectSchema,
} from '../../src/rbac/index.ts';
import { isTrustedRole } from '../../src/rbac/role.ts';
import { A } from './fixtures.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Spies on the two zod schemas a subject's roles could be parsed with. */
function zodCalls(): () => number {
  const roleRef = vi.spyOn(RoleRefSchema, 'safeParse');
  const subject = vi.spyOn(SubjectSchema, 'safeParse');
  return () => roleRef.mock.calls.length + subject.mock.calls.length;
}

const reviewer = (): Role =>
  defineOrgRole({ name: 'reviewer', org: A, orgPerms: permissions({ template: ['read'] }) });

/** A plain, unfrozen copy with the same content: what a caller builds by hand. */
const handCopy = (role: Role): Role => structuredClone(role) as Role;

describe('role values the library built', () => {
  it('are trusted: built-in role builders, org role templates and defineRole', () => {
    expect(isTrustedRole(organizationMemberRole(A))).toBe(true);
    expect(isTrustedRole(orgAdminRole(A))).toBe(true);
    expect(isTrustedRole(reviewer())).toBe(true);
    expect(isTrustedRole(defineRole({ name: 'plain' }))).toBe(true);
  });

  it('are deeply frozen, so nothing can change them after the check', () => {
    const role = organizationMemberRole(A);
    expect(Object.isFrozen(role)).toBe(true);
    expect(Object.isFrozen(role.byOrg)).toBe(true);
    expect(Object.isFrozen(role.byOrg[A])).toBe(true);
    expect(Object.isFrozen(role.byOrg[A]!.org)).toBe(true);
    expect(Object.isFrozen(role.byOrg[A]!.org[0])).toBe(true);
    expect(() => {
      (role.byOrg[A]!.org as unknown[]).push({ type: '*', action: '*', negate: false });
    }).toThrow(TypeError);
  });

  it('are accepted by createSubject without any zod parse, and kept as they are', () => {
    const member = organizationMemberRole(A);
    const custom = reviewer();
    const calls = zodCalls();
    const subject = createSubject({
      id: 'alice',
      roles: ['member', member, { name: 'organization-workspace-access', org: A }, custom],
      groups: ['g1'],
      notices: [],
    });
    expect(calls()).toBe(0);
    expect(subject.roles[1]).toBe(member);
    expect(subject.roles[3]).toBe(custom);
  });
});

describe('role values built by hand', () => {
  it('are parsed with zod, even when equal to a trusted one', () => {
    const copy = handCopy(reviewer());
    expect(isTrustedRole(copy)).toBe(false);
    const calls = zodCalls();
    const subject = createSubject({ id: 'alice', roles: [copy] });
    expect(calls()).toBeGreaterThan(0);
    // What acts is a validated frozen copy, never the caller's object.
    expect(subject.roles[0]).not.toBe(copy);
    expect(isTrustedRole(subject.roles[0])).toBe(true);
  });

  it('throw InvalidPolicyError when invalid', () => {
    const bad = {
      name: 'bad',
      site: [{ type: 'workspace', action: 'fly', negate: false }],
      user: [],
      byOrg: {},
    } as unknown as Role;
    expect(() => createSubject({ id: 'alice', roles: [bad] })).toThrow(InvalidPolicyError);
  });

  it('throw InvalidPolicyError when a trusted role is copied and its permissions mutated', () => {
    const copy = handCopy(organizationMemberRole(A)) as unknown as {
      byOrg: Record<string, { org: unknown[] }>;
    };
    copy.byOrg[A]!.org.push({ type: 'workspace', action: 'fly', negate: false });
    expect(() => createSubject({ id: 'alice', roles: [copy as unknown as Role] })).toThrow(
      InvalidPolicyError,
    );
  });

  it('throw InvalidPolicyError when a trusted role is spread into a copy with a bad field', () => {
    const spread = { ...reviewer(), org: '' } as Role;
    expect(() => createSubject({ id: 'alice', roles: [spread] })).toThrow(InvalidPolicyError);
    const otherOrg = { ...reviewer(), byOrg: { 'org-elsewhere': { org: [], member: [] } } } as Role;
    expect(() => createSubject({ id: 'alice', roles: [otherOrg] })).toThrow(InvalidPolicyError);
  });

  it('are validated again on every use, so a change after an earlier check is never missed', () => {
    // A raw subject (not from createSubject) holding a hand-built role the caller keeps editing.
    const hand = {
      name: 'hand',
      site: [{ type: 'template', action: 'read', negate: false }],
      user: [],
      byOrg: {},
    };
    const raw = () => ({ id: 'alice', roles: [hand as Role], groups: [], scope: 'coder:all' });
    const authz = createAuthorizer();
    const template = object('template').withId('t1');
    expect(authz.authorize(raw(), 'read', template)).toBe(true);

    hand.site = [{ type: 'template', action: 'read', negate: true }];
    expect(authz.authorize(raw(), 'read', template)).toBe(false);

    hand.site = [{ type: 'template', action: 'fly', negate: false }];
    expect(() => authz.authorize(raw(), 'read', template)).toThrow(InvalidPolicyError);
  });

  it('decide exactly as their trusted originals', () => {
    const trusted = createSubject({ id: 'alice', roles: [organizationMemberRole(A), reviewer()] });
    const copied = createSubject({
      id: 'alice',
      roles: [handCopy(organizationMemberRole(A)), handCopy(reviewer())],
    });
    const objects = [
      object('template').withId('t1').inOrg(A),
      object('organization').withId(A).inOrg(A),
      object('workspace').withId('w1').withOwner('alice').inOrg(A),
      object('group').withId('g').inOrg(A),
    ];
    for (const o of objects) {
      for (const action of ['read', 'update', 'share'] as const) {
        expect(authorize(copied, action, o)).toBe(authorize(trusted, action, o));
      }
    }
  });
});
