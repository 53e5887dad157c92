import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { ForbiddenError, hasErrorCode } from '../../src/rbac/errors.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { createOrganization, createUser } from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

let database: TestDatabase;
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let admin: User;

const orgAdmin = (user: User, org: Organization) =>
  memberOf(user.id, org.id, ['organization-admin']);
const perm = (type: string, action: string, negate = false) => ({ type, action, negate });
const names = async (org: Organization) =>
  (await raw.listCustomRoles({ organizationId: org.id })).map((r) => r.name);

beforeAll(async () => {
  database = await useTestDatabase();
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db, { name: 'acme' });
  globex = await createOrganization(database.db, { name: 'globex' });
  admin = await createUser(database.db);
});
afterAll(() => database.close());

describe('custom roles and the escalation check', () => {
  it('lets an org admin create a role granting what it holds in its org', async () => {
    const role = await store.as(orgAdmin(admin, acme)).insertCustomRole({
      organizationId: acme.id,
      name: 'template-viewer',
      orgPermissions: [perm('template', 'read')],
      memberPermissions: [perm('workspace', 'start')],
    });
    expect(role).toMatchObject({ organizationId: acme.id, name: 'template-viewer' });
    expect(await names(acme)).toEqual(['template-viewer']);
  });

  it('rejects a role granting more than its creator holds, and writes nothing', async () => {
    // Coder's org admin holds every workspace action but ssh and application_connect.
    const error = await store
      .as(orgAdmin(admin, acme))
      .insertCustomRole({
        organizationId: acme.id,
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
    expect(await names(acme)).toEqual(['template-viewer']);
  });

  it('refuses negatives, wildcards, reserved names and site permissions; another org is forbidden', async () => {
    const asAdmin = store.as(orgAdmin(admin, acme));
    const attempt = (input: Parameters<AuthorizedStore['insertCustomRole']>[0]) =>
      asAdmin.insertCustomRole(input).then(
        () => 'ok',
        (e: unknown) => (hasErrorCode(e) ? (e as { code: string }).code : String(e)),
      );
    const base = { organizationId: acme.id, name: 'x' };
    expect(await attempt({ ...base, orgPermissions: [perm('workspace', 'read', true)] })).toBe(
      'forbidden',
    );
    expect(await attempt({ ...base, orgPermissions: [perm('template', '*')] })).toBe('forbidden');
    expect(await attempt({ ...base, orgPermissions: [perm('*', 'read')] })).toBe('forbidden');
    expect(await attempt({ ...base, name: 'organization-admin' })).toBe('invalid_input');
    expect(await attempt({ ...base, sitePermissions: [perm('template', 'read')] })).toBe(
      'invalid_input',
    );
    expect(await attempt({ ...base, organizationId: globex.id })).toBe('forbidden');
    expect([await names(acme), await names(globex)]).toEqual([['template-viewer'], []]);
  });

  it('checks updates the same way and lets org members list their org roles only', async () => {
    const asAdmin = store.as(orgAdmin(admin, acme));
    const key = { organizationId: acme.id, name: 'template-viewer' };
    await expect(
      asAdmin.updateCustomRole({
        ...key,
        orgPermissions: [perm('workspace', 'application_connect')],
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    const updated = await asAdmin.updateCustomRole({
      ...key,
      orgPermissions: [perm('template', 'use')],
    });
    expect(updated.orgPermissions).toEqual([perm('template', 'use')]);
    const member = await createUser(database.db);
    const asMember = store.as(memberOf(member.id, acme.id));
    expect((await asMember.listCustomRoles({})).map((r) => r.name)).toEqual(['template-viewer']);
    await expect(asMember.deleteCustomRole(key)).rejects.toBeInstanceOf(ForbiddenError);
    await asAdmin.deleteCustomRole(key);
    expect(await names(acme)).toEqual([]);
  });
});
