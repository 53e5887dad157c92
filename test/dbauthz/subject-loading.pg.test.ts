import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { type BuildSubjectOptions, buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import {
  customRoleNames,
  type MembershipWithOrg,
  resolveOrgRoles,
} from '../../src/dbauthz/subject/resolve-org-roles.ts';
import {
  parseAllowListEntry,
  subjectFromApiKey,
} from '../../src/dbauthz/subject/subject-from-api-key.ts';
import { ForbiddenError, hasErrorCode, InvalidPolicyError } from '../../src/rbac/errors.ts';
import { isSiteRoleName, RETIRED_AGENTS_ACCESS, RoleNames } from '../../src/rbac/role-names.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { RoleRef, Subject, SubjectNotice } from '../../src/rbac/types.ts';
import { type CountingClient, countingClient } from '../support/counting-client.ts';
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

// Loading a subject costs at most two statements whatever the number of orgs and groups: one for
// the user, its live memberships with their org's settings and its group ids, and one for the
// custom roles, only when a membership needs one. The subject is the one the earlier loader built
// (one statement per membership for its org): that loader is kept below as the reference.

const database = databaseForFile();
let counted: CountingClient;
let store: AuthorizedStore;

/** How many statements `run` sent to PostgreSQL, with its answer. */
const cost = <T>(run: () => Promise<T>) => counted.cost(run);

/** The earlier `buildSubject`, verbatim but for its imports: the reference the new one must match. */
async function referenceSubject(
  reference: AuthorizedStore,
  userId: string,
  options: BuildSubjectOptions = {},
): Promise<Subject> {
  const siteRoles = (id: string, stored: readonly string[]): RoleRef[] => {
    const names = new Set<string>([RoleNames.member]);
    for (const name of stored) {
      if (name === RETIRED_AGENTS_ACCESS) continue;
      if (!isSiteRoleName(name)) {
        throw new InvalidPolicyError(`dangling site role "${name}" of user ${id}`);
      }
      names.add(name);
    }
    return [...names];
  };
  const system = reference.asSystemRestricted();
  const user = await system.getUserRoles({ userId });
  if (user.status === 'suspended') {
    throw new ForbiddenError({ actor: userId, reason: 'user_suspended' });
  }
  const memberships: MembershipWithOrg[] = await Promise.all(
    user.orgRoles.map(async ({ organizationId, roles }) => ({
      roles,
      org: await system.getOrganizationById({ id: organizationId }),
    })),
  );
  const wanted = memberships.flatMap((m) =>
    customRoleNames(m).map((name) => ({ organizationId: m.org.id, name })),
  );
  const customRoles =
    wanted.length === 0 ? [] : await system.getCustomRolesByNames({ roles: wanted });
  const notices: SubjectNotice[] = [];
  return createSubject({
    id: user.id,
    roles: [
      ...siteRoles(user.id, user.siteRoles),
      ...memberships.flatMap((m) => resolveOrgRoles(m, customRoles, notices)),
    ],
    groups: user.groupIds,
    ...(options.scope === undefined ? {} : { scope: options.scope }),
    type: 'user',
    notices,
  });
}

/** What a load ends in: the subject, or the error's class, code, reason and message. */
async function outcome(load: () => Promise<Subject>): Promise<unknown> {
  try {
    return { subject: await load() };
  } catch (error) {
    const e = error as Error & { code?: unknown; detail?: { reason?: unknown } };
    return {
      error: e.constructor.name,
      code: e.code,
      reason: e.detail?.reason,
      message: e.message,
    };
  }
}

/** A user who is a member of `count` fresh orgs, each with an explicit group they are in. */
async function memberOfOrgs(count: number, orgRoles: (org: Organization) => Promise<string[]>) {
  const user = await createUser(database.db);
  for (let i = 0; i < count; i += 1) {
    const org = await createOrganization(database.db);
    await createMember(database.db, {
      organizationId: org.id,
      userId: user.id,
      roles: await orgRoles(org),
    });
    const group = await createGroup(database.db, { organizationId: org.id });
    await createGroupMember(database.db, { groupId: group.id, userId: user.id });
  }
  return user;
}

/** A custom role in `org` granting template read, for `orgRoles` of `memberOfOrgs`. */
async function customRoleIn(org: Organization): Promise<string[]> {
  const role = await createCustomRole(database.db, {
    organizationId: org.id,
    orgPermissions: [{ type: 'template', action: 'read', negate: false }],
  });
  return [role.name, 'organization-auditor'];
}

beforeAll(async () => {
  counted = await countingClient(database.url);
  store = createAuthorizedStore(createRawStore(createDatabase(counted.client)));
});
afterAll(async () => {
  await counted.client.end();
});

describe('what loading a subject costs', () => {
  it.each([1, 10, 100])(
    'is one statement for a user in %i orgs with groups and only built-in roles',
    async (orgs) => {
      const user = await memberOfOrgs(orgs, async () => ['organization-auditor']);
      const [statementCount, subject] = await cost(() => buildSubject(store, user.id));
      expect(statementCount).toBe(1);
      expect(subject.groups).toHaveLength(2 * orgs); // each org's Everyone plus its group
    },
  );

  it.each([1, 10, 100])(
    'is two statements for a user in %i orgs with groups and a custom role in each',
    async (orgs) => {
      const user = await memberOfOrgs(orgs, customRoleIn);
      const [statementCount, subject] = await cost(() => buildSubject(store, user.id));
      expect(statementCount).toBe(2);
      // `member`, then per org: the member floor, organization-auditor, the custom role and
      // the org's default member role (organization-workspace-access).
      expect(subject.roles).toHaveLength(1 + 4 * orgs);
    },
  );

  it('is the same for the API key form, which loads the key owner', async () => {
    const user = await memberOfOrgs(10, customRoleIn);
    const key = await createApiKey(database.db, { userId: user.id, scopes: ['template:read'] });
    const [statementCount, subject] = await cost(() => subjectFromApiKey(store, key));
    expect(statementCount).toBe(2);
    expect(subject.id).toBe(user.id);
  });
});

describe('the subject loaded', () => {
  /** Users in orgs that cover every input the loader reads, with a reference store beside. */
  async function richFixture() {
    const acme = await createOrganization(database.db, {
      defaultOrgMemberRoles: ['organization-workspace-access'],
    });
    const globex = await createOrganization(database.db, {
      defaultOrgMemberRoles: [],
      shareableWorkspaceOwners: 'none',
    });
    const initech = await createOrganization(database.db, {
      defaultOrgMemberRoles: ['organization-auditor', 'reviewer', RETIRED_AGENTS_ACCESS],
      shareableWorkspaceOwners: 'service_accounts',
    });
    const gone = await createOrganization(database.db, { deleted: true });
    const elsewhere = await createOrganization(database.db);
    await createCustomRole(database.db, {
      organizationId: acme.id,
      name: 'template-reader',
      orgPermissions: [{ type: 'template', action: 'read', negate: false }],
    });
    await createCustomRole(database.db, {
      organizationId: initech.id,
      name: 'reviewer',
      orgPermissions: [{ type: 'workspace', action: 'read', negate: false }],
      memberPermissions: [{ type: 'workspace', action: 'update', negate: false }],
    });
    await createCustomRole(database.db, { organizationId: gone.id, name: 'template-reader' });
    // A custom role deleted behind the store's back (an older version, or a race).
    await createCustomRole(database.db, { organizationId: globex.id, name: 'ghost' });
    await database.db.execute(
      sql`delete from custom_roles where organization_id = ${globex.id} and name = 'ghost'`,
    );

    const alice = await createUser(database.db, {
      rbacRoles: ['auditor', 'template-admin', RETIRED_AGENTS_ACCESS],
    });
    const member = (org: Organization, user: User, roles: string[]) =>
      createMember(database.db, { organizationId: org.id, userId: user.id, roles });
    await member(acme, alice, ['organization-admin', 'template-reader']);
    await member(globex, alice, ['ghost', 'organization-service-account']);
    await member(initech, alice, ['organization-member', RETIRED_AGENTS_ACCESS]);
    await member(gone, alice, ['template-reader', 'organization-admin']);
    const inGroup = async (org: Organization, user: User, name: string) => {
      const group = await createGroup(database.db, { organizationId: org.id, name });
      await createGroupMember(database.db, { groupId: group.id, userId: user.id });
      return group;
    };
    for (const name of ['frontend', 'Backend', 'data']) await inGroup(acme, alice, name);
    await createGroup(database.db, { organizationId: acme.id, name: 'not-hers' });
    await inGroup(globex, alice, 'ops');
    await inGroup(gone, alice, 'archived');
    await inGroup(elsewhere, alice, 'left-behind'); // an org she is not a member of

    // Others in the same orgs, whose rows must not leak into her subject.
    const bob = await createUser(database.db, { rbacRoles: ['owner'] });
    await member(acme, bob, ['organization-user-admin']);
    await member(initech, bob, []);
    await inGroup(acme, bob, 'bobs');
    const dormant = await createUser(database.db, { status: 'dormant' });
    await member(globex, dormant, []);
    const loner = await createUser(database.db);

    const reference = createAuthorizedStore(createRawStore(database.db));
    return { acme, globex, initech, gone, elsewhere, alice, bob, dormant, loner, reference };
  }

  it('equals the earlier loader for users across several orgs, a deleted one included', async () => {
    const f = await richFixture();
    for (const user of [f.alice, f.bob, f.dormant, f.loner]) {
      const loaded = await buildSubject(store, user.id);
      expect(loaded).toEqual(await referenceSubject(f.reference, user.id));
    }
    // The fixture reaches what it means to: the deleted org and the group outside her orgs are
    // left out, the ghost role is dropped and reviewer's member permission left out, with notices.
    const alice = await buildSubject(store, f.alice.id);
    const orgs = new Set(alice.roles.flatMap((r) => (typeof r === 'string' ? [] : [r.org])));
    expect([...orgs].sort()).toEqual([f.acme.id, f.globex.id, f.initech.id].sort());
    expect(alice.groups).toHaveLength(3 + 3 + 1 + 0); // Everyone of each live org + explicit
    expect(alice.notices?.map((n) => `${n.code} ${n.role}`).sort()).toEqual([
      'dropped_role ghost',
      'ignored_permission reviewer',
    ]);
  });

  it('equals the earlier loader with a scope, through the API key form', async () => {
    const f = await richFixture();
    const key = await createApiKey(database.db, {
      userId: f.alice.id,
      scopes: ['template:read', 'workspace:read'],
      allowList: [`template:${f.acme.id}`],
    });
    const scope = { scopes: key.scopes, allowList: key.allowList.map(parseAllowListEntry) };
    expect(await subjectFromApiKey(store, key)).toEqual(
      await referenceSubject(f.reference, f.alice.id, { scope }),
    );
  });
});

describe('a user who may not have a subject', () => {
  const reference = () => createAuthorizedStore(createRawStore(database.db));

  it('is refused as suspended, exactly as before', async () => {
    const user = await createUser(database.db, { status: 'suspended' });
    await createMember(database.db, { userId: user.id });
    const error = await buildSubject(store, user.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).detail.reason).toBe('user_suspended');
    expect(await outcome(() => buildSubject(store, user.id))).toEqual(
      await outcome(() => referenceSubject(reference(), user.id)),
    );
  });

  it('is not found when deleted or missing, exactly as before', async () => {
    const deleted = await createUser(database.db, { deleted: true });
    await createMember(database.db, { userId: deleted.id });
    for (const id of [deleted.id, '5f0c2a5e-0000-4000-8000-000000000000']) {
      const error = await buildSubject(store, id).catch((e: unknown) => e);
      expect(hasErrorCode(error, 'not_found')).toBe(true);
      expect(await outcome(() => buildSubject(store, id))).toEqual(
        await outcome(() => referenceSubject(reference(), id)),
      );
    }
  });

  it('is an invalid policy for a dangling site role or a site role stored in an org, as before', async () => {
    const dangling = await createUser(database.db, { rbacRoles: ['superuser'] });
    const siteInOrg = await createUser(database.db);
    await createMember(database.db, { userId: siteInOrg.id, roles: ['owner'] });
    for (const user of [dangling, siteInOrg]) {
      const error = await buildSubject(store, user.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidPolicyError);
      expect(await outcome(() => buildSubject(store, user.id))).toEqual(
        await outcome(() => referenceSubject(reference(), user.id)),
      );
    }
  });

  it('is refused before any custom role is read: a suspended user costs one statement', async () => {
    const user = await memberOfOrgs(3, customRoleIn);
    await database.db.execute(sql`update users set status = 'suspended' where id = ${user.id}`);
    const [statementCount, error] = await cost(() =>
      buildSubject(store, user.id).catch((e: unknown) => e),
    );
    expect(statementCount).toBe(1);
    expect(error).toBeInstanceOf(ForbiddenError);
  });
});
