import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User, Workspace } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { workspaceObject } from '../../src/dbauthz/resources/workspaces.ts';
import { authorize } from '../../src/rbac/authorizer.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createBuild,
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createProvisionerJob,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// A dormant workspace carries no ACL (Coder's dormant object): whatever its owner shared before it
// went dormant grants nothing, in point checks and in the list filter alike.

const database = databaseForFile();
let store: AuthorizedStore;
let org: Organization;
let bob: User;
let alice: User;
let carol: User;
let asAlice: Subject;
let asCarol: Subject;
const everything = ['read', 'start', 'stop', 'ssh', 'share', 'update'];

/** Bob's workspace shared with alice (user ACL) and carol's group, dormant when `dormant`. */
async function sharedWorkspace(dormant: boolean, groupId: string): Promise<Workspace> {
  return createWorkspace(database.db, {
    ownerId: bob.id,
    organizationId: org.id,
    userAcl: { [alice.id]: everything },
    groupAcl: { [groupId]: everything },
    dormantAt: dormant ? new Date('2025-01-01T00:00:00Z') : null,
  });
}

let groupId: string;
let live: Workspace;
let dormant: Workspace;

beforeAll(async () => {
  store = createAuthorizedStore(createRawStore(database.db));
  org = await createOrganization(database.db);
  [bob, alice, carol] = [
    await createUser(database.db),
    await createUser(database.db),
    await createUser(database.db),
  ];
  for (const user of [bob, alice, carol]) {
    await createMember(database.db, { userId: user.id, organizationId: org.id });
  }
  groupId = (await createGroup(database.db, { organizationId: org.id })).id;
  await createGroupMember(database.db, { groupId, userId: carol.id });
  asAlice = memberOf(alice.id, org.id);
  asCarol = memberOf(carol.id, org.id, [], { groups: [groupId] });
  live = await sharedWorkspace(false, groupId);
  dormant = await sharedWorkspace(true, groupId);
});

describe('a dormant workspace shared before it went dormant', () => {
  it('is readable by its sharees while live, and by neither once dormant', async () => {
    for (const subject of [asAlice, asCarol]) {
      const sharee = store.as(subject);
      expect((await sharee.getWorkspaceById({ id: live.id })).id).toBe(live.id);
      await expect(sharee.getWorkspaceById({ id: dormant.id })).rejects.toBeForbidden();
    }
  });

  it('is left out of the sharees lists and counts', async () => {
    for (const subject of [asAlice, asCarol]) {
      const ids = (await store.as(subject).listWorkspaces({})).map((w) => w.id);
      expect(ids).toEqual([live.id]);
      expect(await store.as(subject).countWorkspaces({})).toBe(1);
    }
  });

  it('cannot be started, ssh-ed into or re-shared by a sharee', async () => {
    const build = await createBuild(database.db, { workspaceId: dormant.id });
    const job = await createProvisionerJob(database.db, {
      organizationId: org.id,
      initiatorId: alice.id,
      type: 'workspace_build',
    });
    const start = {
      workspaceId: dormant.id,
      templateVersionId: build.templateVersionId,
      transition: 'start' as const,
      initiatorId: alice.id,
      jobId: job.id,
    };
    for (const subject of [asAlice, asCarol]) {
      await expect(store.as(subject).insertWorkspaceBuild({ ...start })).rejects.toBeForbidden();
      expect(authorize(subject, 'ssh', workspaceObject(dormant))).toBe(false);
      expect(authorize(subject, 'ssh', workspaceObject(live))).toBe(true);
      await expect(
        store.as(subject).updateWorkspaceAcl({ id: dormant.id, userAcl: {}, groupAcl: {} }),
      ).rejects.toBeForbidden();
    }
    const raw = createRawStore(database.db);
    expect(await raw.countWorkspaceBuildsByWorkspace({ workspaceId: dormant.id })).toBe(1);
    expect((await raw.getWorkspaceById({ id: dormant.id })).userAcl).toEqual({
      [alice.id]: everything,
    });
  });
});
