import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { subjectFromApiKey } from '../../src/dbauthz/subject/subject-from-api-key.ts';
import { authorize } from '../../src/rbac/authorizer.ts';
import { ForbiddenError, hasErrorCode, InvalidPolicyError } from '../../src/rbac/errors.ts';
import type { Role, RoleRef } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createApiKey,
  createCustomRole,
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';

const database = databaseForFile();
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let alice: User;

/** Each role as `name` or `name@org`, for readable assertions. */
const described = (roles: readonly RoleRef[]) =>
  roles.map((r) =>
    typeof r === 'string' ? r : r.org === undefined ? r.name : `${r.name}@${r.org}`,
  );

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  acme = await createOrganization(database.db, {
    name: 'acme',
    defaultOrgMemberRoles: ['organization-workspace-access'],
  });
  globex = await createOrganization(database.db, {
    name: 'globex',
    defaultOrgMemberRoles: [],
    shareableWorkspaceOwners: 'none',
  });
  alice = await createUser(database.db, { username: 'alice', rbacRoles: ['auditor'] });
  await createCustomRole(database.db, {
    organizationId: globex.id,
    name: 'template-reader',
    orgPermissions: [{ type: 'template', action: 'read', negate: false }],
  });
  await createMember(database.db, {
    organizationId: acme.id,
    userId: alice.id,
    roles: ['organization-auditor'],
  });
  await createMember(database.db, {
    organizationId: globex.id,
    userId: alice.id,
    roles: ['template-reader'],
  });
  const frontend = await createGroup(database.db, { organizationId: acme.id, name: 'frontend' });
  await createGroupMember(database.db, { groupId: frontend.id, userId: alice.id });
});

describe('buildSubject', () => {
  it('loads site roles, org roles unioned with the org defaults, custom roles and groups', async () => {
    const subject = await buildSubject(store, alice.id);
    expect(described(subject.roles).sort()).toEqual(
      [
        'member',
        'auditor',
        `organization-member@${acme.id}`,
        `organization-auditor@${acme.id}`,
        `organization-workspace-access@${acme.id}`,
        `organization-member@${globex.id}`,
        `template-reader@${globex.id}`,
      ].sort(),
    );
    expect(described(subject.roles).slice(0, 2)).toEqual(['member', 'auditor']);
    const groups = await store.asSystemRestricted().getGroupsOfUser({ userId: alice.id });
    expect([...subject.groups].sort()).toEqual(groups.map((g) => g.id).sort());
    expect(subject.groups).toContain(acme.id); // Everyone of acme
    expect(subject.groups).toContain(globex.id);
    expect(subject.scope).toBe('coder:all');
  });

  it('builds roles that decide: the custom role grants, the sharing setting shapes the member floor', async () => {
    const subject = await buildSubject(store, alice.id);
    const template = (org: Organization) => ({ type: 'template', id: 't', org: org.id }) as const;
    expect(authorize(subject, 'read', template(globex))).toBe(true); // template-reader
    const floor = subject.roles.find(
      (r): r is Role =>
        typeof r === 'object' &&
        'site' in r &&
        r.org === globex.id &&
        r.name === 'organization-member',
    );
    // `none`: the org floor loses organization_member read at org level.
    const member = { type: 'organization_member', id: 'x', owner: 'x' } as const;
    expect(authorize(subject, 'read', { ...member, org: globex.id })).toBe(true); // site auditor
    expect(floor?.byOrg[globex.id]?.org.some((p) => p.type === 'organization_member')).toBe(false);
    const acmeFloor = subject.roles.find(
      (r): r is Role =>
        typeof r === 'object' &&
        'site' in r &&
        r.org === acme.id &&
        r.name === 'organization-member',
    );
    expect(acmeFloor?.byOrg[acme.id]?.org.some((p) => p.type === 'organization_member')).toBe(true);
  });

  it('drops a custom role name with no role behind it, and says so in the notices', async () => {
    const bob = await createUser(database.db);
    await createMember(database.db, { organizationId: acme.id, userId: bob.id, roles: ['ghost'] });
    const subject = await buildSubject(store, bob.id);
    expect(described(subject.roles)).not.toContain(`ghost@${acme.id}`);
    expect(subject.notices).toEqual([
      {
        code: 'dropped_role',
        role: 'ghost',
        org: acme.id,
        message: `custom role "ghost" of organization ${acme.id} no longer exists: dropped`,
      },
    ]);
    expect((await buildSubject(store, alice.id)).notices).toBeUndefined();
  });

  it('refuses a stored role name that is a site role, or no site role at all', async () => {
    const carol = await createUser(database.db, { rbacRoles: ['superuser'] });
    await expect(buildSubject(store, carol.id)).rejects.toThrow(InvalidPolicyError);
    await expect(buildSubject(store, carol.id)).rejects.toThrow(/dangling site role "superuser"/);
    // Custom role names can never be site role names, so this is no deleted custom role.
    const erin = await createUser(database.db);
    await createMember(database.db, { organizationId: acme.id, userId: erin.id, roles: ['owner'] });
    await expect(buildSubject(store, erin.id)).rejects.toThrow(/dangling role "owner"/);
  });

  it('refuses a suspended user and a missing one', async () => {
    const dave = await createUser(database.db, { status: 'suspended' });
    const error = await buildSubject(store, dave.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).detail.reason).toBe('user_suspended');
    // The system actor may read users, so a missing one is plainly not found.
    const missing = await buildSubject(store, '5f0c2a5e-0000-4000-8000-000000000000').catch(
      (e: unknown) => e,
    );
    expect(hasErrorCode(missing, 'not_found')).toBe(true);
  });

  it('narrows an API key subject by its scopes and allow list', async () => {
    const key = await createApiKey(database.db, {
      userId: alice.id,
      scopes: ['template:read'],
      allowList: [`template:${'7'.repeat(8)}-0000-4000-8000-000000000000`],
    });
    const subject = await subjectFromApiKey(store, key);
    const allowed = {
      type: 'template',
      id: `${'7'.repeat(8)}-0000-4000-8000-000000000000`,
      org: globex.id,
    } as const;
    expect(authorize(subject, 'read', allowed)).toBe(true);
    expect(authorize(subject, 'read', { ...allowed, id: 'another' })).toBe(false);
    expect(authorize(subject, 'read', { type: 'user', id: alice.id, owner: alice.id })).toBe(false);
    const expired = { ...key, expiresAt: new Date('2000-01-01') };
    await expect(subjectFromApiKey(store, expired)).rejects.toBeForbidden();
  });

  it('reads an allow-list entry with an empty id: creates of that type, no existing row', async () => {
    const key = {
      userId: alice.id,
      scopes: ['coder:all'],
      allowList: ['workspace:'],
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const subject = await subjectFromApiKey(store, key);
    const fresh = { type: 'workspace', owner: alice.id, org: acme.id } as const;
    expect(authorize(subject, 'create', fresh)).toBe(true);
    expect(authorize(subject, 'read', { ...fresh, id: 'ws-1' })).toBe(false);
    expect(authorize(subject, 'create', { type: 'template', org: acme.id })).toBe(false);
  });

  it('is for system actors only: an ordinary user cannot load roles', async () => {
    const asAlice = store.as(await buildSubject(store, alice.id));
    await expect(asAlice.getUserRoles({ userId: alice.id })).rejects.toBeForbidden();
  });
});
