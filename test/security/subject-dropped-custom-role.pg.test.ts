import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import type { Decision } from '../../src/dbauthz/decision-hook.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { authorize } from '../../src/rbac/authorizer.ts';
import { hasErrorCode } from '../../src/rbac/errors.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createCustomRole,
  createMember,
  createOrganization,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Deleting a custom role that is still in use must not lock anyone out: a role named in an org's
// default member roles made `buildSubject` fail (invalid_policy, a 500) for every member of that
// org, the site owner included. A missing custom role is dropped and reported; deleting one that
// is still assigned is refused.

const database = databaseForFile();
let store: AuthorizedStore;
let decisions: Decision[];

beforeAll(async () => {
  decisions = [];
  store = createAuthorizedStore(createRawStore(database.db), {
    onDecision: (d) => decisions.push(d),
  });
});

/** An org whose default member roles name `role`, with a site owner and a plain member. */
async function orgDefaulting(role: string) {
  const org = await createOrganization(database.db, { defaultOrgMemberRoles: [role] });
  const owner = await createUser(database.db, { rbacRoles: ['owner'] });
  const member = await createUser(database.db);
  await createMember(database.db, { organizationId: org.id, userId: owner.id });
  await createMember(database.db, { organizationId: org.id, userId: member.id });
  return { org, owner, member };
}

describe('a custom role that no longer exists', () => {
  it('is dropped from every member subject, the site owner included, and reported', async () => {
    const { org, owner, member } = await orgDefaulting('template-readers');
    // Gone without the store's check: deleted by an older version, or while being assigned.
    await database.db.execute(sql`delete from custom_roles where organization_id = ${org.id}`);
    for (const user of [owner, member]) {
      const subject = await buildSubject(store, user.id);
      expect(subject.notices).toEqual([
        {
          code: 'dropped_role',
          role: 'template-readers',
          org: org.id,
          message: `custom role "template-readers" of organization ${org.id} no longer exists: dropped`,
        },
      ]);
      const names = subject.roles.map((r) => (typeof r === 'string' ? r : r.name));
      expect(names).not.toContain('template-readers');
    }
    // The owner still acts as an owner; each decision carries the notice for the logs.
    const asOwner = store.as(await buildSubject(store, owner.id));
    decisions.length = 0;
    expect((await asOwner.getOrganizationById({ id: org.id })).id).toBe(org.id);
    expect(decisions.map((d) => [d.allowed, d.notices?.map((n) => n.code)])).toEqual([
      [true, ['dropped_role']],
    ]);
  });

  it('grants nothing it used to grant', async () => {
    const { org, member } = await orgDefaulting('template-readers');
    await createCustomRole(database.db, {
      organizationId: org.id,
      name: 'template-readers',
      orgPermissions: [{ type: 'template', action: 'read', negate: false }],
    });
    const template = { type: 'template', id: 't-1', org: org.id } as const;
    const before = await buildSubject(store, member.id);
    expect(authorize(before, 'read', template)).toBe(true);
    await database.db.execute(sql`delete from custom_roles where organization_id = ${org.id}`);
    const after = await buildSubject(store, member.id);
    expect(authorize(after, 'read', template)).toBe(false);
  });
});

describe('deleting a custom role still assigned', () => {
  it('is refused while it is a default member role, and the members keep their subjects', async () => {
    const { org, owner, member } = await orgDefaulting('template-readers');
    await createCustomRole(database.db, { organizationId: org.id, name: 'template-readers' });
    const asOwner = store.as(memberOf(owner.id, org.id, [], { site: ['owner'] }));
    const error = await asOwner
      .deleteCustomRole({ organizationId: org.id, name: 'template-readers' })
      .catch((e: unknown) => e);
    expect(hasErrorCode(error, 'invalid_reference')).toBe(true);
    expect(error).toMatchObject({ constraint: 'custom_role_assigned' });
    expect((await buildSubject(store, member.id)).notices).toBeUndefined();
  });

  it('is refused while a member holds it', async () => {
    const org = await createOrganization(database.db);
    const owner = await createUser(database.db, { rbacRoles: ['owner'] });
    const holder = await createMember(database.db, {
      organizationId: org.id,
      roles: ['auditors'],
    });
    await createCustomRole(database.db, { organizationId: org.id, name: 'auditors' });
    const asOwner = store.as(memberOf(owner.id, org.id, [], { site: ['owner'] }));
    const error = await asOwner
      .deleteCustomRole({ organizationId: org.id, name: 'auditors' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid_reference', constraint: 'custom_role_assigned' });
    const names = (await buildSubject(store, holder.userId)).roles.map((r) =>
      typeof r === 'string' ? r : r.name,
    );
    expect(names).toContain('auditors');
  });
});
