import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { permissions } from '../../src/rbac/permissions.ts';
import { defineOrgRole } from '../../src/rbac/role.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createMember, createOrganization } from '../support/factories/index.ts';

// A role maker whose only workspace power is over its own workspaces (member level, from
// organization-workspace-access) must not hand that power out: not at org level (which needs
// org-wide power), and not at member level (custom roles may not carry member permissions).

const database = databaseForFile();
let store: AuthorizedStore;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
});

/** A member of a fresh org who may create custom roles there and owns-level workspace powers. */
async function roleMaker() {
  const org = await createOrganization(database.db, { defaultOrgMemberRoles: [] });
  const { userId } = await createMember(database.db, { organizationId: org.id });
  const maker = defineOrgRole({
    name: 'role-maker',
    org: org.id,
    orgPerms: permissions({ assign_org_role: ['create', 'read', 'update'] }),
  });
  const subject = createSubject({
    id: userId,
    roles: [
      'member',
      { name: 'organization-member', org: org.id },
      { name: 'organization-workspace-access', org: org.id },
      maker,
    ],
  });
  return { org, as: store.as(subject) };
}

const ws = (action: string) => ({ type: 'workspace', action, negate: false });

describe('custom role escalation with power over one own objects only', () => {
  it('cannot grant an org-level workspace permission', async () => {
    const { org, as } = await roleMaker();
    const error = await as
      .insertCustomRole({ organizationId: org.id, name: 'starter', orgPermissions: [ws('start')] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'forbidden' });
    expect((error as { detail: { reason: string } }).detail.reason).toMatch(
      /does not hold workspace:start at org level/,
    );
  });

  it('cannot grant it at member level either', async () => {
    const { org, as } = await roleMaker();
    const attempt = as.insertCustomRole({
      organizationId: org.id,
      name: 'starter',
      memberPermissions: [ws('start')],
    });
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('still grants at org level what it holds org-wide', async () => {
    const { org, as } = await roleMaker();
    const role = await as.insertCustomRole({
      organizationId: org.id,
      name: 'role-reader',
      orgPermissions: [{ type: 'assign_org_role', action: 'read', negate: false }],
    });
    expect(role).toMatchObject({ name: 'role-reader', memberPermissions: [] });
  });
});
