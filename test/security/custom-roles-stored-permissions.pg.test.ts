import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { StoredPermission } from '../../db/schema/custom-roles.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import type { Decision } from '../../src/dbauthz/decision-hook.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { authorize } from '../../src/rbac/authorizer.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createCustomRole,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
} from '../support/factories/index.ts';

// Stored custom roles are read by every request of every holder. A permission this version cannot
// apply (a type or action renamed or removed since the role was written, or a member permission,
// which only system roles may hold) made `buildSubject` throw invalid_policy: a 500 for every
// holder. It is now left out (it grants and denies nothing) and reported with each decision.

const database = databaseForFile();
let store: AuthorizedStore;
let decisions: Decision[];

const perm = (type: string, action: string, negate = false): StoredPermission => ({
  type,
  action,
  negate,
});

beforeAll(async () => {
  decisions = [];
  store = createAuthorizedStore(createRawStore(database.db), {
    onDecision: (d) => decisions.push(d),
  });
});

/** A member of a fresh org holding one stored custom role with these fields. */
async function holderOf(fields: Parameters<typeof createCustomRole>[1]) {
  // No default member roles: the stored role is the member's only power beyond the floor.
  const org = await createOrganization(database.db, { defaultOrgMemberRoles: [] });
  const role = await createCustomRole(database.db, { ...fields, organizationId: org.id });
  const member = await createMember(database.db, { organizationId: org.id, roles: [role.name] });
  return { org, role, userId: member.userId };
}

describe('a stored custom role naming a type or action this version does not know', () => {
  it('still loads: the known permissions grant, the unknown ones are left out and reported', async () => {
    const { org, role, userId } = await holderOf({
      orgPermissions: [
        perm('template', 'read'),
        perm('spaceship', 'launch'),
        perm('template', 'teleport'),
        perm('spaceship', 'read', true),
      ],
    });
    const subject = await buildSubject(store, userId);
    expect(subject.notices?.map((n) => [n.code, n.permission])).toEqual([
      ['ignored_permission', { type: 'spaceship', action: 'launch', negate: false, level: 'org' }],
      ['ignored_permission', { type: 'template', action: 'teleport', negate: false, level: 'org' }],
      ['ignored_permission', { type: 'spaceship', action: 'read', negate: true, level: 'org' }],
    ]);
    expect(subject.notices?.every((n) => n.role === role.name && n.org === org.id)).toBe(true);
    expect(authorize(subject, 'read', { type: 'template', id: 't', org: org.id })).toBe(true);

    const template = await createTemplate(database.db, { organizationId: org.id });
    decisions.length = 0;
    const read = await store.as(subject).getTemplateById({ id: template.id });
    expect(read.id).toBe(template.id);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ allowed: true, notices: subject.notices });
  });

  it('is still refused when written through the store', async () => {
    const { org } = await holderOf({});
    const asOwner = store.as(await buildSubject(store, (await ownerIn(org.id)).userId));
    const attempt = asOwner.insertCustomRole({
      organizationId: org.id,
      name: 'from-the-future',
      orgPermissions: [perm('spaceship', 'launch')],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('is still refused when an update through the store adds it: the stored role is unchanged', async () => {
    const org = await createOrganization(database.db);
    const asOwner = store.as(await buildSubject(store, (await ownerIn(org.id)).userId));
    const key = { organizationId: org.id, name: 'launcher' };
    await asOwner.insertCustomRole({ ...key, orgPermissions: [perm('template', 'read')] });
    const attempt = asOwner.updateCustomRole({
      ...key,
      orgPermissions: [perm('template', 'read'), perm('spaceship', 'launch')],
    });
    // Refused for the second permission's type (entry 1), not for the known one kept beside it.
    await expect(attempt).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('org.1.type'),
    });
    const [stored] = await createRawStore(database.db).getCustomRolesByNames({ roles: [key] });
    expect(stored?.orgPermissions).toEqual([perm('template', 'read')]);
  });
});

describe('member permissions of a custom role', () => {
  it('are refused on write, even for a site owner who holds them', async () => {
    const org = await createOrganization(database.db);
    const asOwner = store.as(await buildSubject(store, (await ownerIn(org.id)).userId));
    for (const write of [
      () =>
        asOwner.insertCustomRole({
          organizationId: org.id,
          name: 'own-workspaces',
          memberPermissions: [perm('workspace', 'ssh')],
        }),
      async () => {
        await asOwner.insertCustomRole({ organizationId: org.id, name: 'later' });
        return asOwner.updateCustomRole({
          organizationId: org.id,
          name: 'later',
          memberPermissions: [perm('workspace', 'delete')],
        });
      },
    ]) {
      await expect(write()).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'memberPermissions',
      });
    }
    const stored = await createRawStore(database.db).listCustomRoles({ organizationId: org.id });
    expect(stored.map((r) => [r.name, r.memberPermissions])).toEqual([['later', []]]);
  });

  it('stored on a non-system role are left out when loaded, and kept on a system role', async () => {
    const plain = await holderOf({
      orgPermissions: [],
      memberPermissions: [perm('workspace', 'ssh')],
    });
    const own = (org: string, owner: string) =>
      ({ type: 'workspace', id: 'w', org, owner }) as const;
    const subject = await buildSubject(store, plain.userId);
    expect(authorize(subject, 'ssh', own(plain.org.id, plain.userId))).toBe(false);
    expect(subject.notices?.map((n) => [n.code, n.permission?.level])).toEqual([
      ['ignored_permission', 'member'],
    ]);
    const system = await holderOf({
      orgPermissions: [],
      memberPermissions: [perm('workspace', 'ssh')],
      isSystem: true,
    });
    const systemSubject = await buildSubject(store, system.userId);
    expect(authorize(systemSubject, 'ssh', own(system.org.id, system.userId))).toBe(true);
    expect(systemSubject.notices).toBeUndefined();
  });
});

/** A site owner who is a member of `orgId`. */
async function ownerIn(orgId: string) {
  const owner = await createUser(database.db, { rbacRoles: ['owner'] });
  return createMember(database.db, { organizationId: orgId, userId: owner.id });
}
