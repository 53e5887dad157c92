import { describe, expect, it } from 'vitest';
import {
  createSubject,
  InvalidPolicyError,
  object,
  PermissionSchema,
  RbacObjectSchema,
  RoleSchema,
  SubjectSchema,
} from '../../src/rbac/index.ts';
import { A } from './fixtures.ts';

describe('object builder', () => {
  it('returns a new frozen value on every step, leaving the old one untouched', () => {
    const base = object('workspace');
    const built = base
      .withId('ws-1')
      .withOwner('alice')
      .inOrg(A)
      .withAclUsers({ bob: ['read'] });
    expect(base).toEqual({ type: 'workspace' });
    expect({ ...built }).toEqual({
      type: 'workspace',
      id: 'ws-1',
      owner: 'alice',
      org: A,
      aclUsers: { bob: ['read'] },
    });
    expect(
      Object.isFrozen(built) &&
        Object.isFrozen(built.aclUsers) &&
        Object.isFrozen(built.aclUsers?.bob),
    ).toBe(true);
    expect(() => {
      (built as { id?: string }).id = 'x';
    }).toThrow(TypeError);
  });

  it("copies ACL maps, so later edits of the caller's map change nothing", () => {
    const acl: Record<string, ('read' | 'use')[]> = { g: ['read'] };
    const built = object('template').withAclGroups(acl);
    acl.g!.push('use');
    expect(built.aclGroups).toEqual({ g: ['read'] });
  });

  it('rejects unknown types, empty ids and malformed ACL maps', () => {
    expect(() => object('spaceship' as never)).toThrow(InvalidPolicyError);
    expect(() => object('workspace').withOwner('')).toThrow(/owner must be a non-empty string/);
    expect(() => object('workspace').withAclUsers({ u: 'read' } as never)).toThrow(
      /must be an array/,
    );
  });
});

describe('createSubject', () => {
  it('keeps a loader notices as a frozen copy, and none when the list is empty', () => {
    const notices = [
      {
        code: 'dropped_role' as const,
        role: 'ghost',
        org: A,
        message: 'custom role "ghost" no longer exists: dropped',
      },
    ];
    const s = createSubject({ id: 'alice', roles: ['member'], notices });
    notices[0]!.role = 'changed';
    expect(s.notices).toEqual([{ ...notices[0], role: 'ghost' }]);
    expect(Object.isFrozen(s.notices![0])).toBe(true);
    expect(createSubject({ id: 'alice', roles: ['member'], notices: [] })).not.toHaveProperty(
      'notices',
    );
    expect(() =>
      createSubject({ id: 'a', roles: [], notices: [{ code: 'oops' } as never] }),
    ).toThrow(InvalidPolicyError);
  });

  it('fills defaults (no groups, scope coder:all) and freezes deeply', () => {
    const s = createSubject({
      id: 'alice',
      roles: ['member', { name: 'organization-member', org: A }],
    });
    expect(s).toEqual({
      id: 'alice',
      roles: ['member', { name: 'organization-member', org: A }],
      groups: [],
      scope: 'coder:all',
    });
    expect(Object.isFrozen(s) && Object.isFrozen(s.roles) && Object.isFrozen(s.roles[1])).toBe(
      true,
    );
  });

  it('rejects malformed subjects with invalid_policy', () => {
    const bad = [
      { id: '', roles: [] },
      { id: 'a', roles: 'owner' },
      { id: 'a', roles: [{ name: 'organization-admin' }] },
      { id: 'a', roles: [], groups: [''] },
      { id: 'a', roles: [], scope: { scopes: ['no-such-scope'] } },
      {
        id: 'a',
        roles: [
          {
            name: 'r',
            site: [{ type: 'file', action: 'delete', negate: false }],
            user: [],
            byOrg: {},
          },
        ],
      },
    ];
    for (const input of bad)
      expect(() => createSubject(input as never), JSON.stringify(input)).toThrow(
        InvalidPolicyError,
      );
  });
});

describe('zod schemas derived from the catalogue', () => {
  it("validate permissions against the type's own actions", () => {
    expect(PermissionSchema.parse({ type: 'workspace', action: 'ssh' })).toEqual({
      type: 'workspace',
      action: 'ssh',
      negate: false,
    });
    expect(PermissionSchema.safeParse({ type: 'file', action: 'delete' }).success).toBe(false);
    expect(PermissionSchema.safeParse({ type: 'nope', action: 'read' }).success).toBe(false);
    expect(PermissionSchema.safeParse({ type: '*', action: '*', negate: true }).success).toBe(true);
  });

  it('parse stored custom roles, subjects and objects', () => {
    const role = RoleSchema.parse({
      name: 'r',
      org: A,
      byOrg: { [A]: { org: [{ type: 'template', action: 'read' }] } },
    });
    expect(role.byOrg[A]?.member).toEqual([]);
    expect(RoleSchema.safeParse({ name: 'r', org: A, byOrg: { other: {} } }).success).toBe(false);
    expect(SubjectSchema.parse({ id: 'a', roles: ['owner'] }).scope).toBe('coder:all');
    expect(RbacObjectSchema.safeParse({ type: 'workspace', org: A, anyOrg: true }).success).toBe(
      false,
    );
    expect(
      RbacObjectSchema.safeParse({ type: 'workspace', aclUsers: { u: ['fly'] } }).success,
    ).toBe(false);
  });
});
