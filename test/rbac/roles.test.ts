import { describe, expect, it } from 'vitest';
import {
  allPermsExcept,
  authorize,
  builtinRoles,
  defineRole,
  explain,
  formatPermission,
  hasErrorCode,
  InvalidPolicyError,
  object,
  organizationMemberRole,
  organizationServiceAccountRole,
  permission,
  permissions,
  type Role,
} from '../../src/rbac/index.ts';
import { A, B, subject } from './fixtures.ts';

const fmt = (perms: Role['site']) => perms.map(formatPermission);

describe('defining permissions and roles', () => {
  it('accepts catalogue types and their actions, and * for either', () => {
    expect(permission('workspace', 'ssh')).toEqual({
      type: 'workspace',
      action: 'ssh',
      negate: false,
    });
    expect(permission('*', 'read', true)).toEqual({ type: '*', action: 'read', negate: true });
    expect(permission('template', '*')).toEqual({ type: 'template', action: '*', negate: false });
    expect(Object.isFrozen(permission('file', 'read'))).toBe(true);
  });

  it('rejects an unknown type, or an action the type lacks, when the role is defined', () => {
    const cases: [() => unknown, RegExp][] = [
      [
        () => permission('spaceship' as never, 'read' as never),
        /unknown resource type "spaceship"/,
      ],
      [
        () => permission('chat_model_config', 'use' as never),
        /"chat_model_config" has no action "use"/,
      ],
      [() => permission('*', 'fly' as never), /unknown action "fly"/],
      [() => permissions({ file: ['delete' as never] }), /"file" has no action "delete"/],
      [() => allPermsExcept('nope' as never), /unknown resource type/],
      [
        () =>
          defineRole({
            name: 'r',
            site: [{ type: 'workspace', action: 'fly' as never, negate: false }],
          }),
        /no action "fly"/,
      ],
      [() => defineRole({ name: '' }), /needs a name/],
      [
        () => defineRole({ name: 'r', org: A, byOrg: { [B]: {} } }),
        /bound to org org-a but grants in org-b/,
      ],
    ];
    for (const [define, message] of cases) {
      expect(define).toThrow(InvalidPolicyError);
      expect(define).toThrow(message);
    }
  });

  it('freezes roles deeply and keeps odd org ids as plain data', () => {
    // JSON.parse makes "__proto__" an own key, as a database row would.
    const byOrg = JSON.parse(
      '{"__proto__": {"org": [{"type": "file", "action": "read", "negate": false}]}}',
    );
    const role = defineRole({ name: 'r', byOrg });
    expect(Object.isFrozen(role) && Object.isFrozen(role.site) && Object.isFrozen(role.byOrg)).toBe(
      true,
    );
    expect(Object.keys(role.byOrg)).toEqual(['__proto__']);
  });

  it('allPermsExcept yields one type:* per concrete type left, never *:*', () => {
    const all = allPermsExcept();
    expect(all).toHaveLength(52);
    expect(all.every((p) => p.action === '*' && p.type !== '*')).toBe(true);
    expect(fmt(allPermsExcept('user'))).not.toContain('user:*');
    expect(allPermsExcept('user', 'workspace')).toHaveLength(50);
  });
});

describe('built-in roles', () => {
  it('owner, member, organization-admin: the allPermsExcept sizes of catalogue-and-roles.md', () => {
    const roles = builtinRoles();
    const wildcards = (perms: Role['site']) => perms.filter((p) => p.action === '*').length;
    expect(wildcards(roles.site.owner!.site)).toBe(42);
    expect(wildcards(roles.site.member!.user)).toBe(42);
    expect(wildcards(roles.org['organization-admin']!(A).byOrg[A]!.org)).toBe(43);
  });

  it('RoleOptions change owner and member as documented', () => {
    const on = builtinRoles({
      noOwnerWorkspaceExec: true,
      noWorkspaceSharing: true,
      noChatSharing: true,
    });
    const ownerWs = on.site.owner!.site.filter((p) => p.type === 'workspace').map((p) => p.action);
    expect(ownerWs).not.toContain('ssh');
    expect(ownerWs).not.toContain('application_connect');
    expect(ownerWs).toHaveLength(10);
    expect(fmt(on.site.member!.site)).toEqual([
      'assign_role:read',
      'oauth2_app:read',
      'workspace_proxy:read',
      '-workspace:share',
      '-chat:share',
      '-chat_project:share',
    ]);
  });

  it('organization-member follows the org workspace sharing setting (§2.12)', () => {
    const org = (r: Role) => fmt(r.byOrg[A]!.org);
    const member = (r: Role) => fmt(r.byOrg[A]!.member);
    const everyone = organizationMemberRole(A);
    expect(org(everyone)).toEqual([
      'assign_org_role:read',
      'chat_project:create',
      'group:read',
      'organization:read',
      'organization_member:read',
      'provisioner_daemon:read',
    ]);
    expect(member(everyone)).not.toContain('-workspace:share');
    const accounts = organizationMemberRole(A, 'service_accounts');
    expect(org(accounts)).toEqual(org(everyone).filter((p) => p !== 'group:read'));
    expect(member(accounts)).toContain('-workspace:share');
    const none = organizationMemberRole(A, 'none');
    expect(org(none)).toEqual([
      'assign_org_role:read',
      'chat_project:create',
      'organization:read',
      'provisioner_daemon:read',
      '-workspace:share',
    ]);
    expect(member(none)).toContain('-workspace:share');
    expect(organizationMemberRole(A, '' as never)).toEqual(accounts);
  });

  it('organization-service-account: no chats, share denied org-wide only with none (§2.13)', () => {
    const sa = organizationServiceAccountRole(A);
    expect(fmt(sa.byOrg[A]!.member).some((p) => p.startsWith('chat'))).toBe(false);
    expect(organizationServiceAccountRole(A, 'service_accounts')).toEqual(sa);
    const none = organizationServiceAccountRole(A, 'none');
    expect(fmt(none.byOrg[A]!.org)).toEqual([
      'assign_org_role:read',
      'organization:read',
      'provisioner_daemon:read',
      '-workspace:share',
    ]);
    expect(fmt(none.byOrg[A]!.member)).toEqual(fmt(sa.byOrg[A]!.member));
  });

  it('sharing none stops a member sharing its own workspace', () => {
    const s = subject('alice', [
      organizationMemberRole(A, 'none'),
      { name: 'organization-workspace-access', org: A },
    ]);
    const ws = object('workspace').withOwner('alice').inOrg(A);
    expect(authorize(s, 'share', ws)).toBe(false);
    expect(authorize(s, 'update', ws)).toBe(true);
  });
});

describe('resolving role names', () => {
  const ws = object('workspace').withOwner('alice').inOrg(A);
  it('drops agents-access silently, by name or bound to an org', () => {
    const s = subject('alice', ['agents-access', { name: 'agents-access', org: A }, 'member']);
    expect(authorize(s, 'read', object('api_key').withOwner('alice'))).toBe(true);
  });

  it('rejects unknown names and misbound roles with invalid_policy', () => {
    const cases: [unknown, RegExp][] = [
      ['superuser', /unknown role "superuser"/],
      ['organization-admin', /org role: give it as \{ name, org \}/],
      [{ name: 'owner', org: A }, /site role and cannot be bound/],
      [{ name: 'organization-nope', org: A }, /unknown role "organization-nope"/],
      [{ name: 'organization-admin', org: '' }, /org must be a non-empty string/],
    ];
    for (const [ref, message] of cases) {
      const s = { id: 'alice', roles: [ref], groups: [], scope: 'coder:all' } as never;
      let caught: unknown;
      try {
        authorize(s, 'read', ws);
      } catch (error) {
        caught = error;
      }
      expect(hasErrorCode(caught, 'invalid_policy'), String(ref)).toBe(true);
      expect((caught as Error).message).toMatch(message);
    }
  });

  it('resolves organization-member by name with the default sharing, everyone', () => {
    const byName = subject('alice', [{ name: 'organization-member', org: A }]);
    expect(authorize(byName, 'read', object('group').inOrg(A))).toBe(true);
  });
});

describe("a site owner's own secrets", () => {
  // buildSubject gives every user `member`, so a site owner holds owner plus member.
  const owner = subject('o', ['owner', 'member']);
  const secret = (ownerId: string) => object('user_secret').withId('s-1').withOwner(ownerId);

  it('are reachable at user level (through member), every action', () => {
    for (const action of ['create', 'read', 'update', 'delete'] as const) {
      expect(authorize(owner, action, secret('o')), action).toBe(true);
      expect(explain(owner, action, secret('o')).match).toMatchObject({
        level: 'user',
        role: 'member',
      });
    }
  });

  it('are the only ones: the owner role grants no site-wide secret access', () => {
    for (const action of ['create', 'read', 'update', 'delete'] as const) {
      expect(authorize(owner, action, secret('someone-else')), action).toBe(false);
      expect(authorize(subject('o', ['owner']), action, secret('o')), action).toBe(false);
    }
    expect(explain(owner, 'read', secret('someone-else')).reason).toBe('no_permission');
  });
});
