import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Group, Organization, Template, User, Workspace } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createBuild,
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createUser,
  createWorkspace,
  uniqueName,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Writes by a plain member on rows that member may READ. Reading is not writing: each test first
// shows the member can read the target (so a write checked with the read action would pass), then
// that the write is refused with `forbidden` and the row is as it was. Admin paths live in the
// per-area files; these are the refusals a spec row alone used to cover.
//
// Each test gets its own org, users, group, template and workspace (beforeEach): a write wrongly
// let through changes only the rows of the test that catches it, so one fault fails one test.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let bob: User;
let carol: User;
let dave: User;
let frontend: Group;
let template: Template;
let workspace: Workspace;
/** Alice: a plain member of acme, in the frontend group (which lets its members read it). */
let asAlice: AuthorizedStore;

const members = async (groupId: string) =>
  (await raw.listGroupMembers({ groupId })).map((m) => m.username).sort();

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
});
beforeEach(async () => {
  acme = await createOrganization(database.db, { name: uniqueName('acme'), displayName: 'ACME' });
  [alice, bob, carol, dave] = (await Promise.all(
    ['alice', 'bob', 'carol', 'dave'].map((name) =>
      createUser(database.db, { username: uniqueName(name) }),
    ),
  )) as [User, User, User, User];
  for (const user of [alice, bob, carol]) {
    await createMember(database.db, { organizationId: acme.id, userId: user.id });
  }
  frontend = await createGroup(database.db, { organizationId: acme.id, name: 'frontend' });
  for (const user of [alice, bob]) {
    await createGroupMember(database.db, { groupId: frontend.id, userId: user.id });
  }
  template = await createTemplate(database.db, {
    organizationId: acme.id,
    createdBy: bob.id,
    displayName: 'Base',
    userAcl: { [alice.id]: ['read', 'use'] },
  });
  workspace = await createWorkspace(database.db, {
    organizationId: acme.id,
    ownerId: bob.id,
    templateId: template.id,
    userAcl: { [alice.id]: ['read'] },
  });
  const subject: Subject = memberOf(alice.id, acme.id, [], { groups: [frontend.id] });
  asAlice = store.as(subject);
});

describe('groups: a member who can read the group cannot change it', () => {
  it('reads the group', async () => {
    expect((await asAlice.getGroupById({ id: frontend.id })).name).toBe('frontend');
  });

  it('is refused deleteGroupMember: bob stays in the group', async () => {
    await expect(
      asAlice.deleteGroupMember({ groupId: frontend.id, userId: bob.id }),
    ).rejects.toBeForbidden();
    expect(await members(frontend.id)).toEqual([alice.username, bob.username]);
  });

  it('is refused insertGroupMember: carol is not added', async () => {
    await expect(
      asAlice.insertGroupMember({ groupId: frontend.id, userId: carol.id }),
    ).rejects.toBeForbidden();
    expect(await members(frontend.id)).toEqual([alice.username, bob.username]);
  });

  it('is refused updateGroup: the name stays', async () => {
    await expect(asAlice.updateGroup({ id: frontend.id, name: 'pwned' })).rejects.toBeForbidden();
    expect((await raw.getGroupById({ id: frontend.id })).name).toBe('frontend');
  });

  it('is refused deleteGroup: the group stays', async () => {
    await expect(asAlice.deleteGroup({ id: frontend.id })).rejects.toBeForbidden();
    expect((await raw.getGroupById({ id: frontend.id })).id).toBe(frontend.id);
  });
});

describe('organizations: a member who can read the org cannot change it', () => {
  it('reads the org', async () => {
    expect((await asAlice.getOrganizationById({ id: acme.id })).name).toBe(acme.name);
  });

  it('is refused updateOrganization: the display name stays', async () => {
    await expect(
      asAlice.updateOrganization({ id: acme.id, displayName: 'pwned' }),
    ).rejects.toBeForbidden();
    expect((await raw.getOrganizationById({ id: acme.id })).displayName).toBe('ACME');
  });

  it('is refused deleteOrganization: the org stays live', async () => {
    await expect(asAlice.deleteOrganization({ id: acme.id })).rejects.toBeForbidden();
    expect((await raw.getOrganizationById({ id: acme.id })).deleted).toBe(false);
  });
});

describe('organization members: a member who can read memberships cannot change them', () => {
  it("reads bob's membership", async () => {
    const key = { organizationId: acme.id, userId: bob.id };
    expect((await asAlice.getOrganizationMember(key)).userId).toBe(bob.id);
  });

  it('is refused deleteOrganizationMember: bob stays a member', async () => {
    await expect(
      asAlice.deleteOrganizationMember({ organizationId: acme.id, userId: bob.id }),
    ).rejects.toBeForbidden();
    const key = { organizationId: acme.id, userId: bob.id };
    expect((await raw.getOrganizationMember(key)).userId).toBe(bob.id);
  });

  it('is refused updateOrganizationMemberRoles for any change: bob keeps his roles', async () => {
    // Role changes are checked as assignments (as Coder's UpdateMemberRoles): a request that
    // changes nothing needs only read, so only real changes are refused here.
    const key = { organizationId: acme.id, userId: bob.id };
    await expect(
      asAlice.updateOrganizationMemberRoles({ ...key, roles: ['organization-auditor'] }),
    ).rejects.toBeForbidden();
    expect((await raw.getOrganizationMember(key)).roles).toEqual([]);
  });

  it('is refused insertOrganizationMember: dave does not join', async () => {
    await expect(
      asAlice.insertOrganizationMember({ organizationId: acme.id, userId: dave.id, roles: [] }),
    ).rejects.toBeForbidden();
    const memberships = await raw.getOrganizationMembershipsOfUser({ userId: dave.id });
    expect(memberships).toEqual([]);
  });
});

describe('templates: a member the template is shared with for read and use cannot change it', () => {
  it('reads the template', async () => {
    expect((await asAlice.getTemplateById({ id: template.id })).id).toBe(template.id);
  });

  it('is refused updateTemplateMeta: the display name stays', async () => {
    await expect(
      asAlice.updateTemplateMeta({ id: template.id, displayName: 'pwned' }),
    ).rejects.toBeForbidden();
    expect((await raw.getTemplateById({ id: template.id })).displayName).toBe('Base');
  });

  it('is refused updateTemplateAcl: the ACL stays', async () => {
    await expect(
      asAlice.updateTemplateAcl({
        id: template.id,
        userAcl: { [alice.id]: ['read', 'use'] },
        groupAcl: {},
      }),
    ).rejects.toBeForbidden();
    const row = await raw.getTemplateById({ id: template.id });
    expect([row.userAcl, row.groupAcl]).toEqual([{ [alice.id]: ['read', 'use'] }, {}]);
  });

  it('is refused softDeleteTemplate: the template stays live', async () => {
    await expect(asAlice.softDeleteTemplate({ id: template.id })).rejects.toBeForbidden();
    expect((await raw.getTemplateById({ id: template.id })).deleted).toBe(false);
  });
});

describe('template versions: a template reader cannot add a version', () => {
  it('is refused insertTemplateVersion: no version is added', async () => {
    const job = await createProvisionerJob(database.db, {
      organizationId: acme.id,
      initiatorId: alice.id,
      status: 'succeeded',
    });
    const version = {
      templateId: template.id,
      organizationId: acme.id,
      name: 'v-alice',
      jobId: job.id,
      createdBy: alice.id,
    };
    await expect(asAlice.insertTemplateVersion(version)).rejects.toBeForbidden();
    const versions = await raw.listTemplateVersionsByTemplate({ templateId: template.id });
    expect(versions.map((v) => v.name)).not.toContain('v-alice');
    expect(versions).toHaveLength(1); // the active version the factory made
  });
});

describe("workspaces: a member bob's workspace is shared with for read cannot change it", () => {
  it('reads the workspace', async () => {
    expect((await asAlice.getWorkspaceById({ id: workspace.id })).id).toBe(workspace.id);
  });

  it('is refused updateWorkspace: the name stays', async () => {
    await expect(
      asAlice.updateWorkspace({ id: workspace.id, name: 'pwned' }),
    ).rejects.toBeForbidden();
    expect((await raw.getWorkspaceById({ id: workspace.id })).name).toBe(workspace.name);
  });

  it('is refused updateWorkspaceDormantAt: the workspace stays awake', async () => {
    const dormantAt = new Date(Date.UTC(2030, 0, 1));
    await expect(
      asAlice.updateWorkspaceDormantAt({ id: workspace.id, dormantAt }),
    ).rejects.toBeForbidden();
    expect((await raw.getWorkspaceById({ id: workspace.id })).dormantAt).toBeNull();
  });

  it('is refused updateWorkspaceAcl: the ACL stays', async () => {
    await expect(
      asAlice.updateWorkspaceAcl({
        id: workspace.id,
        userAcl: { [alice.id]: ['read'] },
        groupAcl: {},
      }),
    ).rejects.toBeForbidden();
    const row = await raw.getWorkspaceById({ id: workspace.id });
    expect([row.userAcl, row.groupAcl]).toEqual([{ [alice.id]: ['read'] }, {}]);
  });

  it("is refused updateProvisionerState on the workspace's build: the state stays", async () => {
    const build = await createBuild(database.db, { workspaceId: workspace.id });
    expect((await asAlice.getWorkspaceBuildById({ id: build.id })).id).toBe(build.id);
    const provisionerState = Buffer.from('tampered');
    await expect(
      asAlice.updateProvisionerState({ id: build.id, provisionerState }),
    ).rejects.toBeForbidden();
    const stored = await raw.getProvisionerStateByBuildId({ id: build.id });
    expect(stored.provisionerState).toEqual(build.provisionerState);
  });

  it('is refused softDeleteWorkspace: the workspace stays live', async () => {
    await expect(asAlice.softDeleteWorkspace({ id: workspace.id })).rejects.toBeForbidden();
    expect((await raw.getWorkspaceById({ id: workspace.id })).deleted).toBe(false);
  });
});
