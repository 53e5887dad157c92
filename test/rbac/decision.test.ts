import { describe, expect, it } from 'vitest';
import {
  authorize,
  catalogue,
  createAuthorizer,
  defineOrgRole,
  defineRole,
  denials,
  explain,
  object,
  permissions,
  prepare,
} from '../../src/rbac/index.ts';
import { A, B, inOrg, memberOf, subject } from './fixtures.ts';

const alice = subject('alice', memberOf(A));
const myWorkspace = object('workspace').withId('ws-1').withOwner('alice').inOrg(A);
const bobsWorkspace = object('workspace').withId('ws-2').withOwner('bob').inOrg(A);

describe('levels', () => {
  it("a member uses its own workspace but not another member's", () => {
    expect(authorize(alice, 'ssh', myWorkspace)).toBe(true);
    expect(authorize(alice, 'ssh', bobsWorkspace)).toBe(false);
  });

  it('an org-owned object needs membership: a member of B gets nothing from org or member levels in A', () => {
    const carol = subject('carol', memberOf(B));
    expect(authorize(carol, 'read', object('workspace').withOwner('carol').inOrg(A))).toBe(false);
    expect(authorize(carol, 'read', object('workspace').withOwner('carol').inOrg(B))).toBe(true);
    expect(explain(carol, 'read', object('workspace').withOwner('carol').inOrg(A)).reason).toBe(
      'not_org_member',
    );
  });

  it('the user level applies only to owned objects without an org', () => {
    const member = subject('m', ['member']);
    expect(authorize(member, 'read', object('api_key').withOwner('m'))).toBe(true);
    expect(authorize(member, 'read', object('api_key').withOwner('m').inOrg(A))).toBe(false);
    expect(authorize(member, 'read', object('api_key').withOwner('x'))).toBe(false);
    expect(authorize(member, 'read', object('api_key'))).toBe(false);
  });

  it('treats a missing org as undefined, null or empty string alike', () => {
    const member = subject('m', ['member']);
    for (const org of [undefined, null, '']) {
      const o = { type: 'api_key', owner: 'm', org } as never;
      expect(authorize(member, 'read', o)).toBe(true);
    }
  });

  it('accepts plain data objects as well as built ones', () => {
    expect(authorize(alice, 'read', { type: 'workspace', owner: 'alice', org: A })).toBe(true);
  });
});

describe('negative permissions', () => {
  const siteDeny = defineRole({ name: 'no-reads', site: denials({ '*': ['read'] }) });
  const orgDeny = defineOrgRole({
    name: 'no-ws-read',
    org: A,
    orgPerms: denials({ workspace: ['read'] }),
  });

  it("a site negative blocks every role grant, even owner's", () => {
    const owner = subject('o', ['owner', siteDeny]);
    expect(authorize(owner, 'read', bobsWorkspace)).toBe(false);
    expect(authorize(owner, 'update', bobsWorkspace)).toBe(true);
    expect(explain(owner, 'read', bobsWorkspace)).toMatchObject({
      reason: 'negative_permission',
      match: { level: 'site', role: 'no-reads' },
    });
  });

  it('an org negative blocks org and member grants but not a site grant', () => {
    const admin = subject('alice', [...memberOf(A), inOrg('organization-admin', A), orgDeny]);
    expect(authorize(admin, 'read', bobsWorkspace)).toBe(false);
    expect(authorize(admin, 'read', myWorkspace)).toBe(false);
    expect(explain(admin, 'read', myWorkspace)).toMatchObject({
      reason: 'negative_permission',
      match: { level: 'org', org: A, role: 'no-ws-read' },
    });
    const templateAdmin = subject('alice', [...memberOf(A), 'template-admin', orgDeny]);
    expect(authorize(templateAdmin, 'read', bobsWorkspace)).toBe(true);
  });

  it('an org negative in A does not reach org B', () => {
    const both = subject('alice', [...memberOf(A), ...memberOf(B), orgDeny]);
    expect(authorize(both, 'read', object('workspace').withOwner('alice').inOrg(B))).toBe(true);
  });

  it('a member-level negative in a custom role beats a member-level grant', () => {
    const noShare = defineOrgRole({
      name: 'no-share',
      org: A,
      memberPerms: denials({ workspace: ['share'] }),
    });
    const s = subject('alice', [...memberOf(A), noShare]);
    expect(authorize(s, 'share', myWorkspace)).toBe(false);
    expect(authorize(s, 'update', myWorkspace)).toBe(true);
  });

  it('a negative role permission does not block an ACL grant (as in Coder)', () => {
    const s = subject('dave', [inOrg('organization-member', A), siteDeny]);
    const shared = bobsWorkspace.withAclUsers({ dave: ['read'] });
    expect(authorize(s, 'read', shared)).toBe(true);
    expect(explain(s, 'read', shared).reason).toBe('allowed_by_acl');
  });
});

describe('workspace creation ban', () => {
  const ban = inOrg('organization-workspace-creation-ban', A);
  it('stops a banned member creating or deleting, not starting, its workspaces', () => {
    const banned = subject('alice', [...memberOf(A), ban]);
    expect(authorize(banned, 'create', myWorkspace)).toBe(false);
    expect(authorize(banned, 'delete', myWorkspace)).toBe(false);
    expect(authorize(banned, 'start', myWorkspace)).toBe(true);
  });

  it('does not stop an owner (site grant beats an org negative)', () => {
    const owner = subject('alice', ['owner', ...memberOf(A), ban]);
    expect(authorize(owner, 'create', myWorkspace)).toBe(true);
    expect(authorize(owner, 'create', bobsWorkspace)).toBe(true);
  });

  it('stops an org admin creating workspaces in that org', () => {
    const admin = subject('alice', [inOrg('organization-admin', A), ban]);
    expect(authorize(admin, 'create', bobsWorkspace)).toBe(false);
    expect(authorize(admin, 'update', bobsWorkspace)).toBe(true);
  });
});

describe('dormant workspaces', () => {
  const dormant = object('workspace_dormant').withOwner('alice').inOrg(A);
  it('can be read, stopped and deleted by the owner but not started, connected to or shared', () => {
    expect(authorize(alice, 'read', dormant)).toBe(true);
    expect(authorize(alice, 'stop', dormant)).toBe(true);
    expect(authorize(alice, 'delete', dormant)).toBe(true);
    expect(authorize(alice, 'start', dormant)).toBe(false);
    expect(authorize(alice, 'ssh', dormant)).toBe(false);
    expect(authorize(alice, 'share', dormant)).toBe(false);
    expect(authorize(alice, 'start', myWorkspace)).toBe(true);
  });
});

describe('ACLs', () => {
  const dave = subject('dave', [inOrg('organization-member', A)], { groups: ['g-1'] });
  const template = object('template').withId('t-1').inOrg(A);

  it('grant through the user entry, a group entry or the Everyone group (keyed by org id)', () => {
    expect(authorize(dave, 'use', template)).toBe(false);
    expect(authorize(dave, 'use', template.withAclUsers({ dave: ['use'] }))).toBe(true);
    expect(authorize(dave, 'use', template.withAclGroups({ 'g-1': ['use'] }))).toBe(true);
    expect(authorize(dave, 'use', template.withAclGroups({ [A]: ['use'] }))).toBe(true);
    expect(authorize(dave, 'use', template.withAclGroups({ 'g-2': ['use'] }))).toBe(false);
    expect(explain(dave, 'use', template.withAclGroups({ [A]: ['use'] })).acl).toEqual({
      kind: 'everyone',
      key: A,
    });
  });

  it('grant only the listed actions, or every action with *', () => {
    const shared = template.withAclUsers({ dave: ['read'] });
    expect(authorize(dave, 'read', shared)).toBe(true);
    expect(authorize(dave, 'update', shared)).toBe(false);
    expect(authorize(dave, 'delete', template.withAclUsers({ dave: ['*'] }))).toBe(true);
  });

  it("apply only to members of the object's org", () => {
    const outsider = subject('dave', memberOf(B), { groups: ['g-1'] });
    expect(authorize(outsider, 'use', template.withAclUsers({ dave: ['use'] }))).toBe(false);
    expect(
      authorize(outsider, 'use', template.withAclGroups({ 'g-1': ['use'], [A]: ['use'] })),
    ).toBe(false);
    const everyoneOfB = template.withAclGroups({ [B]: ['use'] });
    expect(authorize(outsider, 'use', everyoneOfB)).toBe(false);
  });

  it('never apply to objects without an org', () => {
    const member = subject('dave', ['member', ...memberOf(A)]);
    expect(authorize(member, 'read', object('workspace').withAclUsers({ dave: ['read'] }))).toBe(
      false,
    );
  });

  it('ignore prototype keys instead of crashing', () => {
    const odd = subject('constructor', [inOrg('organization-member', A)], {
      groups: ['__proto__'],
    });
    expect(authorize(odd, 'use', template.withAclUsers({}))).toBe(false);
    expect(authorize(odd, 'use', { type: 'template', org: A, aclGroups: {} })).toBe(false);
  });
});

describe('anyOrg', () => {
  const anyTemplate = object('template').inAnyOrg();
  it('asks whether the subject may act in some org it belongs to', () => {
    expect(
      authorize(subject('a', [inOrg('organization-template-admin', A)]), 'create', anyTemplate),
    ).toBe(true);
    expect(authorize(subject('a', memberOf(A)), 'create', anyTemplate)).toBe(false);
    expect(
      authorize(subject('a', ['member']), 'create', object('workspace').withOwner('a').inAnyOrg()),
    ).toBe(false);
    expect(authorize(subject('a', ['template-admin']), 'create', anyTemplate)).toBe(true);
  });

  it('counts member-level grants for objects the subject would own', () => {
    const mine = object('workspace').withOwner('alice').inAnyOrg();
    expect(authorize(alice, 'create', mine)).toBe(true);
    expect(authorize(alice, 'create', object('workspace').withOwner('bob').inAnyOrg())).toBe(false);
  });

  it('needs one org that allows on its own: a ban in A with no grant in B denies', () => {
    const mine = object('workspace').withOwner('alice').inAnyOrg();
    const ban = inOrg('organization-workspace-creation-ban', A);
    expect(authorize(subject('alice', [...memberOf(A), ban]), 'create', mine)).toBe(false);
    expect(
      authorize(
        subject('alice', [...memberOf(A), ban, inOrg('organization-member', B)]),
        'create',
        mine,
      ),
    ).toBe(false);
    expect(authorize(subject('alice', [...memberOf(A), ban, ...memberOf(B)]), 'create', mine)).toBe(
      true,
    );
  });

  it('is exclusive with org: a builder switches, plain data with both is rejected', () => {
    expect(object('template').inOrg(A).inAnyOrg().org).toBeUndefined();
    expect(object('template').inAnyOrg().inOrg(A).anyOrg).toBeUndefined();
    expect(() => authorize(alice, 'read', { type: 'template', org: A, anyOrg: true })).toThrow(
      /anyOrg/,
    );
  });
});

describe('role options and sharing settings', () => {
  it('noOwnerWorkspaceExec takes ssh and application_connect from owner only', () => {
    const authz = createAuthorizer({ roleOptions: { noOwnerWorkspaceExec: true } });
    const owner = subject('o', ['owner']);
    expect(authz.authorize(owner, 'ssh', bobsWorkspace)).toBe(false);
    expect(authz.authorize(owner, 'application_connect', bobsWorkspace)).toBe(false);
    expect(authz.authorize(owner, 'start', bobsWorkspace)).toBe(true);
    expect(authorize(owner, 'ssh', bobsWorkspace)).toBe(true);
  });

  it('noWorkspaceSharing and noChatSharing deny share at site level for every member', () => {
    const authz = createAuthorizer({
      roleOptions: { noWorkspaceSharing: true, noChatSharing: true },
    });
    expect(authz.authorize(alice, 'share', myWorkspace)).toBe(false);
    expect(authz.authorize(alice, 'share', object('chat').withOwner('alice').inOrg(A))).toBe(false);
    expect(
      authz.authorize(alice, 'share', object('chat_project').withOwner('alice').inOrg(A)),
    ).toBe(false);
    expect(authz.authorize(alice, 'update', myWorkspace)).toBe(true);
    const ownerAndMember = subject('o', ['owner', 'member']);
    expect(authz.authorize(ownerAndMember, 'share', bobsWorkspace)).toBe(false);
    expect(authz.authorize(subject('o', ['owner']), 'share', bobsWorkspace)).toBe(true);
  });
});

describe('custom roles', () => {
  it('grant at their levels, including wildcards, and may carry negatives', () => {
    const custom = defineOrgRole({
      name: 'ws-reader',
      org: A,
      orgPerms: [
        ...permissions({ workspace: ['read'], template: ['*'] }),
        ...denials({ template: ['delete'] }),
      ],
    });
    const s = subject('e', [custom]);
    expect(authorize(s, 'read', bobsWorkspace)).toBe(true);
    expect(authorize(s, 'update', object('template').inOrg(A))).toBe(true);
    expect(authorize(s, 'delete', object('template').inOrg(A))).toBe(false);
    expect(authorize(s, 'read', object('workspace').inOrg(B))).toBe(false);
  });

  it('resolve by name from the authorizer registry', () => {
    const viewer = defineRole({ name: 'viewer', site: permissions({ template: ['read'] }) });
    const orgViewer = defineOrgRole({
      name: 'org-viewer',
      org: A,
      orgPerms: permissions({ workspace: ['read'] }),
    });
    const authz = createAuthorizer({ customRoles: [viewer, orgViewer] });
    const s = subject('v', ['viewer', inOrg('org-viewer', A)]);
    expect(authz.authorize(s, 'read', object('template').inOrg(B))).toBe(true);
    expect(authz.authorize(s, 'read', bobsWorkspace)).toBe(true);
    expect(() => authorize(s, 'read', bobsWorkspace)).toThrow(/unknown role "viewer"/);
  });
});

describe('wildcards are strict about actions (unlike Coder)', () => {
  // Coder's production authorizer matches `template:*` against any asked action, even one the
  // template type does not have; ours expands `*` over the type's own actions only.
  const wild = subject('w', [
    defineRole({ name: 'templates-all', site: permissions({ template: ['*'] }) }),
  ]);
  const template = object('template').withId('t').inOrg(A);

  it('grants every action the type has', () => {
    for (const action of catalogue.template) expect(authorize(wild, action, template)).toBe(true);
  });

  it('denies an action the type does not have, in both evaluators', () => {
    for (const action of ['ssh', 'application_connect', 'assign'] as const) {
      expect(authorize(wild, action, template), action).toBe(false);
      expect(explain(wild, action, template).reason, action).toBe('unknown_action');
      expect(prepare(wild, action, 'template'), action).toEqual({ op: 'false' });
    }
  });
});
