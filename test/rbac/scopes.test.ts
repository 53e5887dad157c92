import { describe, expect, it } from 'vitest';
import {
  authorize,
  catalogue,
  defineOrgRole,
  defineRole,
  evaluatePredicate,
  expandScope,
  explain,
  hasErrorCode,
  intersectAllowLists,
  object,
  permissions,
  prepare,
  type ResourceType,
  resolveScope,
  type Scope,
  type ScopeSpec,
  workspaceAgentScope,
} from '../../src/rbac/index.ts';
import { A, B, memberOf, subject } from './fixtures.ts';

const owner = (scope: ScopeSpec) => subject('o', ['owner', 'member', ...memberOf(A)], { scope });
const alice = (scope: ScopeSpec) => subject('alice', memberOf(A), { scope });
const ws = object('workspace').withId('ws-1').withOwner('alice').inOrg(A);

describe('built-in scopes', () => {
  it('coder:all (and its alias all) narrows nothing; it is the default', () => {
    expect(authorize(owner('coder:all'), 'delete', ws)).toBe(true);
    expect(authorize(owner('all'), 'delete', ws)).toBe(true);
    expect(subject('o', ['owner']).scope).toBe('coder:all');
  });

  it('coder:application_connect (alias application_connect) allows only connecting', () => {
    for (const name of ['coder:application_connect', 'application_connect']) {
      expect(authorize(owner(name), 'application_connect', ws)).toBe(true);
      expect(authorize(owner(name), 'read', ws)).toBe(false);
    }
  });

  it('no_user_data allows everything but users', () => {
    expect(authorize(owner('no_user_data'), 'delete', ws)).toBe(true);
    expect(authorize(owner('no_user_data'), 'read', object('user').withId('u'))).toBe(false);
  });

  it('never grants what the roles do not: scope AND roles', () => {
    expect(
      authorize(alice('coder:all'), 'read', object('workspace').withOwner('bob').inOrg(A)),
    ).toBe(false);
  });
});

describe('composite and low-level scopes', () => {
  it('coder:workspaces.operate starts and stops but does not create or delete', () => {
    const s = alice('coder:workspaces.operate');
    expect(authorize(s, 'start', ws)).toBe(true);
    expect(authorize(s, 'stop', ws)).toBe(true);
    expect(authorize(s, 'create', ws)).toBe(false);
    expect(authorize(s, 'delete', ws)).toBe(false);
    expect(authorize(s, 'ssh', ws)).toBe(false);
    expect(explain(s, 'delete', ws)).toMatchObject({
      reason: 'scope_denied',
      scope: 'coder:workspaces.operate',
    });
  });

  // The seven composite scopes as Coder defines them (site level, allow list *:*), written out
  // here independently of `compositeScopes`: the contents, then what each one decides.
  const composites: Record<string, Record<string, string[]>> = {
    'coder:workspaces.create': {
      template: ['read', 'use'],
      workspace: ['create', 'read', 'start', 'stop', 'update'],
      organization_member: ['read'],
    },
    'coder:workspaces.operate': {
      template: ['read'],
      workspace: ['read', 'start', 'stop', 'update'],
      organization_member: ['read'],
    },
    'coder:workspaces.delete': {
      template: ['read', 'use'],
      workspace: ['delete', 'read'],
      organization_member: ['read'],
    },
    'coder:workspaces.access': {
      template: ['read'],
      workspace: ['application_connect', 'read', 'ssh'],
      organization_member: ['read'],
    },
    'coder:templates.build': {
      template: ['read'],
      file: ['create', 'read'],
      provisioner_jobs: ['read'],
    },
    'coder:templates.author': {
      template: ['create', 'delete', 'read', 'update', 'view_insights'],
      file: ['create', 'read'],
    },
    'coder:apikeys.manage_self': { api_key: ['create', 'delete', 'read', 'update'] },
  };

  it.each(Object.entries(composites))('%s holds exactly its permissions', (name, expected) => {
    const scope = expandScope(name);
    const held = (perms: readonly { type: string; action: string; negate: boolean }[]) =>
      perms.map((p) => `${p.negate ? '-' : ''}${p.type}:${p.action}`).sort();
    const want = Object.entries(expected).flatMap(([type, actions]) =>
      actions.map((a) => `${type}:${a}`),
    );
    expect(held(scope.role.site)).toEqual(want.sort());
    expect([scope.role.user, scope.role.byOrg, scope.allowList]).toEqual([
      [],
      {},
      [{ type: '*', id: '*' }],
    ]);
  });

  it.each(Object.entries(composites))('%s lets an owner do exactly that', (name, expected) => {
    const s = owner(name);
    for (const [type, listed] of Object.entries(expected)) {
      const target = object(type as ResourceType)
        .withId('x-1')
        .withOwner('o')
        .inOrg(A);
      for (const action of catalogue[type as ResourceType]) {
        expect(authorize(s, action, target), `${name} ${type}:${action}`).toBe(
          listed.includes(action),
        );
      }
    }
    expect(authorize(s, 'read', object('user').withId('o').withOwner('o'))).toBe(false);
    expect(authorize(s, 'read', object('audit_log').inOrg(A))).toBe(false);
  });

  it('low-level type:action and type:* scopes grant exactly that', () => {
    expect(authorize(alice('workspace:read'), 'read', ws)).toBe(true);
    expect(authorize(alice('workspace:read'), 'update', ws)).toBe(false);
    expect(authorize(alice('workspace:*'), 'update', ws)).toBe(true);
    expect(
      authorize(alice('workspace:*'), 'read', object('api_key').withOwner('alice').inOrg(A)),
    ).toBe(false);
  });

  it('merges several scopes: permissions unioned', () => {
    const s = alice({ scopes: ['workspace:read', 'api_key:*'] });
    expect(authorize(s, 'read', ws)).toBe(true);
    expect(authorize(s, 'delete', object('api_key').withOwner('alice').inOrg(A))).toBe(true);
    expect(authorize(s, 'update', ws)).toBe(false);
  });

  it('rejects unknown names with invalid_policy, at subject creation and at decision time', () => {
    for (const name of ['coder:nope', 'workspace:fly', 'nope:read', '*:*', 'workspace']) {
      expect(() => expandScope(name)).toThrow(/unknown scope/);
    }
    try {
      authorize({ id: 'x', roles: [], groups: [], scope: 'coder:nope' }, 'read', ws);
      expect.unreachable();
    } catch (error) {
      expect(hasErrorCode(error, 'invalid_policy')).toBe(true);
    }
    expect(() => subject('x', [], { scope: 'nope' })).toThrow(/unknown scope/);
  });
});

describe('allow lists', () => {
  const listed = (allowList: Scope['allowList'], scopes = ['coder:all']) =>
    owner({ scopes, allowList });

  it('a stored list narrows the scope to the listed objects', () => {
    const s = listed([{ type: 'workspace', id: 'ws-1' }]);
    expect(authorize(s, 'read', ws)).toBe(true);
    expect(authorize(s, 'read', ws.withId('ws-2'))).toBe(false);
    expect(authorize(s, 'read', object('template').withId('ws-1').inOrg(A))).toBe(false);
    expect(explain(s, 'read', ws.withId('ws-2')).reason).toBe('not_on_allow_list');
  });

  it('an object without an id (a create) is not admitted by an entry naming an id, and is by type:*', () => {
    const byId = listed([{ type: 'workspace', id: 'ws-1' }]);
    expect(authorize(byId, 'create', object('workspace').withOwner('alice').inOrg(A))).toBe(false);
    const byType = listed([{ type: 'workspace', id: '*' }]);
    expect(authorize(byType, 'create', object('workspace').withOwner('alice').inOrg(A))).toBe(true);
    expect(authorize(byType, 'read', object('template').withId('t').inOrg(A))).toBe(false);
  });

  it('an entry with an empty id admits creating that type and reaches no existing row (Coder)', () => {
    const creates = listed([{ type: 'workspace', id: '' }]);
    const fresh = object('workspace').withOwner('alice').inOrg(A);
    expect(authorize(creates, 'create', fresh)).toBe(true);
    expect(authorize(creates, 'read', ws)).toBe(false);
    expect(authorize(creates, 'delete', ws)).toBe(false);
    expect(explain(creates, 'read', ws).reason).toBe('not_on_allow_list');
    expect(authorize(creates, 'create', object('template').inOrg(A))).toBe(false);
    // For a list query the entry adds no row: only an object without an id passes, and every
    // stored row has one.
    expect(prepare(creates, 'read', 'workspace')).toEqual({ op: 'missing', field: 'id' });
    expect(evaluatePredicate(prepare(creates, 'read', 'workspace'), ws)).toBe(false);
    const anyCreate = listed([{ type: '*', id: '' }]);
    expect(authorize(anyCreate, 'create', object('template').inOrg(A))).toBe(true);
    expect(authorize(anyCreate, 'read', object('template').withId('t').inOrg(A))).toBe(false);
  });

  it('normalizes and intersects empty-id entries like any id', () => {
    expect(
      resolveScope({ scopes: ['coder:all'], allowList: [{ type: 'workspace', id: '' }] }).allowList,
    ).toEqual([{ type: 'workspace', id: '' }]);
    expect(
      intersectAllowLists([{ type: 'workspace', id: 'ws-1' }], [{ type: 'workspace', id: '' }]),
    ).toEqual([]);
    expect(
      resolveScope({
        scopes: ['coder:all'],
        allowList: [
          { type: 'workspace', id: '' },
          { type: 'workspace', id: '*' },
          { type: 'template', id: '' },
          { type: '*', id: '' },
        ],
      }).allowList,
    ).toEqual([
      { type: '*', id: '' },
      { type: 'workspace', id: '*' },
    ]);
  });

  it('*:id entries match that id for any type', () => {
    const s = listed([{ type: '*', id: 'x-1' }]);
    expect(authorize(s, 'read', object('template').withId('x-1').inOrg(A))).toBe(true);
    expect(authorize(s, 'read', object('template').withId('x-2').inOrg(A))).toBe(false);
  });

  it('an empty stored list, an empty intersection, or no scopes at all deny everything', () => {
    expect(authorize(listed([]), 'read', ws)).toBe(false);
    const disjoint: Scope = {
      name: 'only-ws-9',
      role: expandScope('coder:all').role,
      allowList: [{ type: 'workspace', id: 'ws-9' }],
    };
    expect(
      authorize(
        owner({ scopes: [disjoint], allowList: [{ type: 'workspace', id: 'ws-1' }] }),
        'read',
        ws,
      ),
    ).toBe(false);
    expect(authorize(owner({ scopes: [] }), 'read', ws)).toBe(false);
    expect(authorize(owner({ scopes: [], allowList: [{ type: '*', id: '*' }] }), 'read', ws)).toBe(
      false,
    );
  });

  it('intersects entry by entry, * meeting anything', () => {
    expect(
      intersectAllowLists(
        [
          { type: 'workspace', id: '*' },
          { type: '*', id: 't-1' },
        ],
        [
          { type: 'workspace', id: 'ws-1' },
          { type: 'template', id: '*' },
        ],
      ),
    ).toEqual([
      { type: 'template', id: 't-1' },
      { type: 'workspace', id: 'ws-1' },
    ]);
    expect(
      intersectAllowLists([{ type: '*', id: '*' }], [{ type: 'workspace', id: 'ws-1' }]),
    ).toEqual([{ type: 'workspace', id: 'ws-1' }]);
  });

  it('merged scopes union their allow lists before the stored list intersects them', () => {
    const one = (id: string): Scope => ({
      name: id,
      role: expandScope('workspace:read').role,
      allowList: [{ type: 'workspace', id }],
    });
    const merged = resolveScope({
      scopes: [one('ws-1'), one('ws-2')],
      allowList: [{ type: 'workspace', id: '*' }],
    });
    expect(merged.allowList).toEqual([
      { type: 'workspace', id: 'ws-1' },
      { type: 'workspace', id: 'ws-2' },
    ]);
  });

  it('the workspace agent scope reaches its workspace, template, owner and boundary logs only', () => {
    const scope = workspaceAgentScope({
      workspaceId: 'ws-1',
      ownerId: 'alice',
      templateId: 't-1',
      versionId: 'v-1',
    });
    const agent = alice(scope);
    expect(authorize(agent, 'update', ws)).toBe(true);
    expect(authorize(agent, 'read', ws.withId('ws-2'))).toBe(false);
    expect(authorize(agent, 'read', object('user').withId('alice').withOwner('alice'))).toBe(true);
    expect(authorize(agent, 'create', object('boundary_log').withOwner('alice'))).toBe(true);
  });
});

describe('the workspace agent scope with user data blocked', () => {
  const input = { workspaceId: 'ws-1', ownerId: 'alice', templateId: 't-1', versionId: 'v-1' };

  it('keeps the workspace, template and logs but refuses the owner user row', () => {
    const blocked = alice(workspaceAgentScope({ ...input, blockUserData: true }));
    const open = alice(workspaceAgentScope(input));
    const me = object('user').withId('alice').withOwner('alice');
    expect(authorize(open, 'read', me)).toBe(true);
    expect(authorize(blocked, 'read', me)).toBe(false);
    expect(authorize(blocked, 'update_personal', me)).toBe(false);
    expect(explain(blocked, 'read', me).reason).toBe('scope_denied');
    expect(authorize(blocked, 'update', ws)).toBe(true);
    const shared = object('template')
      .withId('t-1')
      .inOrg(A)
      .withAclGroups({ [A]: ['read'] });
    expect(authorize(blocked, 'read', shared)).toBe(true);
    expect(authorize(blocked, 'read', shared.withId('t-2'))).toBe(false);
    expect(authorize(blocked, 'create', object('boundary_log').withOwner('alice'))).toBe(true);
    expect(authorize(blocked, 'read', ws.withId('ws-2'))).toBe(false);
    expect(workspaceAgentScope({ ...input, blockUserData: true }).allowList).toEqual(
      workspaceAgentScope(input).allowList,
    );
  });
});

describe('scopes with org and user levels', () => {
  it('evaluate their own levels; org permissions only count where the subject is a member', () => {
    const orgScope: Scope = {
      name: 'a-workspaces',
      role: defineRole({
        name: 'Scope_a',
        byOrg: {
          [A]: { member: permissions({ workspace: ['*'] }) },
          [B]: { org: permissions({ workspace: ['*'] }) },
        },
      }),
      allowList: [{ type: '*', id: '*' }],
    };
    const s = owner(orgScope);
    expect(authorize(s, 'ssh', object('workspace').withOwner('o').inOrg(A))).toBe(true);
    expect(authorize(s, 'ssh', object('workspace').withOwner('bob').inOrg(A))).toBe(false);
    expect(authorize(s, 'ssh', object('workspace').withOwner('bob').inOrg(B))).toBe(false);
    expect(authorize(s, 'read', object('template').inOrg(A))).toBe(false);
  });

  it('a negative in the scope denies what the roles allow', () => {
    const scope: Scope = {
      name: 'all-but-delete',
      role: defineOrgRole({
        name: 'Scope_x',
        org: A,
        orgPerms: permissions({ '*': ['*'] }),
        site: [{ type: 'workspace', action: 'delete', negate: true }],
      }),
      allowList: [{ type: '*', id: '*' }],
    };
    expect(authorize(owner(scope), 'update', ws)).toBe(true);
    expect(authorize(owner(scope), 'delete', ws)).toBe(false);
    expect(explain(owner(scope), 'delete', ws)).toMatchObject({
      reason: 'scope_denied',
      match: { level: 'site' },
    });
  });
});
