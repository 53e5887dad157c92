import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { ForbiddenError, hasErrorCode } from '../../src/rbac/errors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createCustomRole,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;

const orgAdmin = (user: User, org: Organization) =>
  memberOf(user.id, org.id, ['organization-admin']);
const perm = (type: string, action: string, negate = false) => ({ type, action, negate });
const names = async (org: Organization) =>
  (await raw.listCustomRoles({ organizationId: org.id })).map((r) => r.name);
/** The error code a call rejects with, or `ok`. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (e: unknown) => (hasErrorCode(e) ? (e as { code: string }).code : String(e)),
  );

/** A fresh org with an org admin, so every test starts from no custom roles. */
async function orgWithAdmin() {
  const org = await createOrganization(database.db);
  const admin = await createUser(database.db);
  await createMember(database.db, { organizationId: org.id, userId: admin.id });
  return { org, admin, asAdmin: store.as(orgAdmin(admin, org)) };
}

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
});

describe('custom roles and the escalation check', () => {
  it('lets an org admin create a role granting what it holds in its org', async () => {
    const { org, asAdmin } = await orgWithAdmin();
    const role = await asAdmin.insertCustomRole({
      organizationId: org.id,
      name: 'template-viewer',
      orgPermissions: [perm('template', 'read'), perm('workspace', 'start')],
    });
    expect(role).toMatchObject({ organizationId: org.id, name: 'template-viewer' });
    expect(await names(org)).toEqual(['template-viewer']);
  });

  it('rejects a role granting more than its creator holds, and writes nothing', async () => {
    const { org, asAdmin } = await orgWithAdmin();
    // Coder's org admin holds every workspace action but ssh and application_connect.
    const error = await asAdmin
      .insertCustomRole({
        organizationId: org.id,
        name: 'escalator',
        orgPermissions: [
          perm('template', 'read'),
          perm('audit_log', 'read'),
          perm('workspace', 'ssh'),
        ],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).detail.reason).toMatch(
      /does not hold workspace:ssh at org level/,
    );
    expect(await names(org)).toEqual([]);
  });

  it('refuses negatives, wildcards, reserved names, site and member permissions; another org is forbidden', async () => {
    const { org, asAdmin } = await orgWithAdmin();
    const other = await createOrganization(database.db);
    const attempt = (input: Parameters<AuthorizedStore['insertCustomRole']>[0]) =>
      outcome(asAdmin.insertCustomRole(input));
    const base = { organizationId: org.id, name: 'x' };
    expect(await attempt({ ...base, orgPermissions: [perm('workspace', 'read', true)] })).toBe(
      'forbidden',
    );
    expect(await attempt({ ...base, orgPermissions: [perm('template', '*')] })).toBe('forbidden');
    expect(await attempt({ ...base, orgPermissions: [perm('*', 'read')] })).toBe('forbidden');
    expect(await attempt({ ...base, name: 'organization-admin' })).toBe('invalid_input');
    expect(await attempt({ ...base, sitePermissions: [perm('template', 'read')] })).toBe(
      'invalid_input',
    );
    expect(await attempt({ ...base, memberPermissions: [perm('workspace', 'read')] })).toBe(
      'invalid_input',
    );
    expect(await attempt({ ...base, orgPermissions: [perm('spaceship', 'read')] })).toBe(
      'invalid_input',
    );
    expect(await attempt({ ...base, organizationId: other.id })).toBe('forbidden');
    expect([await names(org), await names(other)]).toEqual([[], []]);
  });

  it('checks updates the same way and lets org members list their org roles only', async () => {
    const { org, asAdmin } = await orgWithAdmin();
    const key = { organizationId: org.id, name: 'template-viewer' };
    await createCustomRole(database.db, { ...key, orgPermissions: [perm('template', 'read')] });
    await expect(
      asAdmin.updateCustomRole({
        ...key,
        orgPermissions: [perm('workspace', 'application_connect')],
      }),
    ).rejects.toBeForbidden();
    expect(
      await outcome(
        asAdmin.updateCustomRole({ ...key, memberPermissions: [perm('template', 'read')] }),
      ),
    ).toBe('invalid_input');
    const updated = await asAdmin.updateCustomRole({
      ...key,
      orgPermissions: [perm('template', 'use')],
    });
    expect(updated.orgPermissions).toEqual([perm('template', 'use')]);
    expect(updated.memberPermissions).toEqual([]);
    const member = await createUser(database.db);
    const asMember = store.as(memberOf(member.id, org.id));
    expect((await asMember.listCustomRoles({})).map((r) => r.name)).toEqual(['template-viewer']);
    await expect(asMember.deleteCustomRole(key)).rejects.toBeForbidden();
    await asAdmin.deleteCustomRole(key);
    expect(await names(org)).toEqual([]);
  });
});

describe('deleting a custom role', () => {
  it('is refused while a member holds it, and allowed once nobody does', async () => {
    const { org, asAdmin } = await orgWithAdmin();
    const key = { organizationId: org.id, name: 'reviewer' };
    await createCustomRole(database.db, key);
    const holder = await createMember(database.db, { organizationId: org.id, roles: ['Reviewer'] });
    const error = await asAdmin.deleteCustomRole(key).catch((e: unknown) => e);
    expect(hasErrorCode(error, 'invalid_reference')).toBe(true);
    expect(error).toMatchObject({ constraint: 'custom_role_assigned' });
    expect(await names(org)).toEqual(['reviewer']);
    await raw.updateOrganizationMemberRoles({
      organizationId: org.id,
      userId: holder.userId,
      roles: [],
    });
    await asAdmin.deleteCustomRole(key);
    expect(await names(org)).toEqual([]);
  });

  it("is refused while it is one of the org's default member roles", async () => {
    const { org, asAdmin } = await orgWithAdmin();
    const key = { organizationId: org.id, name: 'everyone-reads' };
    await createCustomRole(database.db, key);
    await raw.updateOrganization({ id: org.id, defaultOrgMemberRoles: ['everyone-reads'] });
    const error = await asAdmin.deleteCustomRole(key).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_reference', constraint: 'custom_role_assigned' });
    expect(await names(org)).toEqual(['everyone-reads']);
  });

  it('ignores holders of a same-named role in another org, and a missing role is not found', async () => {
    const { org, asAdmin } = await orgWithAdmin();
    const other = await createOrganization(database.db);
    await createCustomRole(database.db, { organizationId: org.id, name: 'shared-name' });
    await createCustomRole(database.db, { organizationId: other.id, name: 'shared-name' });
    await createMember(database.db, { organizationId: other.id, roles: ['shared-name'] });
    await asAdmin.deleteCustomRole({ organizationId: org.id, name: 'shared-name' });
    expect([await names(org), await names(other)]).toEqual([[], ['shared-name']]);
    // Checked after the authorization: only an actor who may manage the org's roles learns this.
    expect(await outcome(asAdmin.deleteCustomRole({ organizationId: org.id, name: 'nope' }))).toBe(
      'not_found',
    );
  });
});
