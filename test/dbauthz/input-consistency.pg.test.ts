import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrorCode } from '../../src/rbac/errors.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createFile,
  createMember,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createWorkspace,
} from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

/**
 * Writes whose input names rows that must belong together (a template and the org of the new
 * workspace, a build's version and the workspace's template, ...): the store refuses a mismatch
 * the checks alone would let through, because the checked object is built from one input field
 * and the raw query writes another.
 */
const database = databaseForFile();
let world: WorkspaceWorld;

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
});

/** Awaits a call that must fail with `invalid_input`. */
async function invalid(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(hasErrorCode(error, 'invalid_input'), String(error)).toBe(true);
}

describe('insertWorkspace', () => {
  it("refuses a workspace in org B from org A's template to a member banned from creating in A", async () => {
    const { acme, globex, users } = world;
    await createMember(database.db, { userId: users.alice.id, organizationId: globex.id });
    const inOrg = (org: string, extra: readonly string[] = []) =>
      ['organization-member', 'organization-workspace-access', ...extra].map((name) => ({
        name,
        org,
      }));
    const alice: Subject = {
      id: users.alice.id,
      roles: [
        'member',
        ...inOrg(acme.id, ['organization-workspace-creation-ban']),
        ...inOrg(globex.id),
      ],
      groups: [],
      scope: 'coder:all',
    };
    const asAlice = world.store.as(alice);
    const input = { ownerId: users.alice.id, templateId: world.template.id, name: 'smuggled' };
    await denied(asAlice.insertWorkspace({ ...input, organizationId: globex.id }));
    await denied(asAlice.insertWorkspace({ ...input, organizationId: acme.id }));
    expect(await world.raw.countWorkspaces({ ownerId: users.alice.id })).toBe(0);
    const own = await createTemplate(database.db, {
      organizationId: globex.id,
      groupAcl: { [globex.id]: ['read', 'use'] },
    });
    const made = await asAlice.insertWorkspace({
      ...input,
      templateId: own.id,
      organizationId: globex.id,
    });
    expect(made).toMatchObject({ organizationId: globex.id, templateId: own.id });
  });
});

describe('insertWorkspaceBuild', () => {
  it("refuses a build whose version is not of the workspace's template", async () => {
    const { acme, users } = world;
    const workspace = await createWorkspace(database.db, {
      ownerId: users.bob.id,
      organizationId: acme.id,
      templateId: world.template.id,
    });
    const hidden = await createTemplate(database.db, { organizationId: acme.id });
    const job = await createProvisionerJob(database.db, {
      organizationId: acme.id,
      initiatorId: users.bob.id,
      type: 'workspace_build',
    });
    const input = {
      workspaceId: workspace.id,
      templateVersionId: hidden.activeVersionId!,
      transition: 'start' as const,
      initiatorId: users.bob.id,
      jobId: job.id,
    };
    const asBob = world.store.as(world.subject('bob'));
    await denied(asBob.insertWorkspaceBuild(input));
    await denied(asBob.insertWorkspaceBuild({ ...input, transition: 'stop' }));
    expect(await world.raw.countWorkspaceBuildsByWorkspace({ workspaceId: workspace.id })).toBe(0);
    const build = await asBob.insertWorkspaceBuild({
      ...input,
      templateVersionId: world.template.activeVersionId!,
    });
    expect(build.templateVersionId).toBe(world.template.activeVersionId);
  });
});

describe('updateTemplateMeta', () => {
  it('refuses an active version of another template, even to an admin of both', async () => {
    const other = await createTemplate(database.db, { organizationId: world.acme.id });
    const asTina = world.store.as(world.subject('tina'));
    const id = world.template.id;
    await denied(asTina.updateTemplateMeta({ id, activeVersionId: other.activeVersionId! }));
    expect((await world.raw.getTemplateById({ id })).activeVersionId).toBe(
      world.template.activeVersionId,
    );
    const next = await createTemplateVersion(database.db, {
      organizationId: world.acme.id,
      templateId: id,
    });
    const updated = await asTina.updateTemplateMeta({ id, activeVersionId: next.id });
    expect(updated.activeVersionId).toBe(next.id);
  });
});

describe('insertProvisionerJob and insertTemplateVersion', () => {
  it("refuses a job over a file the actor may not read (another user's)", async () => {
    const theirs = await createFile(database.db, { createdBy: world.users.dave.id });
    const input = {
      organizationId: world.acme.id,
      initiatorId: world.users.tina.id,
      type: 'template_version_import' as const,
      fileId: theirs.id,
    };
    const asTina = world.store.as(world.subject('tina'));
    await denied(asTina.insertProvisionerJob(input));
    const mine = await createFile(database.db, { createdBy: world.users.tina.id });
    const job = await asTina.insertProvisionerJob({ ...input, fileId: mine.id });
    expect(job).toMatchObject({ fileId: mine.id, organizationId: world.acme.id });
    await denied(world.store.asWorkspaceBuilder().insertProvisionerJob(input));
  });

  it("refuses a version whose job or template is of another org than the version's", async () => {
    const { acme, globex, users } = world;
    const foreignJob = await createProvisionerJob(database.db, { organizationId: globex.id });
    const ownJob = await createProvisionerJob(database.db, { organizationId: acme.id });
    const template = await createTemplate(database.db, { organizationId: acme.id });
    const input = {
      templateId: template.id,
      organizationId: acme.id,
      name: 'v-smuggled',
      jobId: foreignJob.id,
      createdBy: users.tina.id,
    };
    const asTina = world.store.as(world.subject('tina'));
    await denied(asTina.insertTemplateVersion(input));
    const { templateId: _, ...orphan } = input;
    await denied(asTina.insertTemplateVersion(orphan));
    const asOlga = world.store.as(world.subject('olga'));
    await denied(
      asOlga.insertTemplateVersion({
        ...input,
        organizationId: globex.id,
        createdBy: users.olga.id,
      }),
    );
    expect(await world.raw.countTemplateVersionsByTemplate({ templateId: input.templateId })).toBe(
      1,
    );
    const version = await asTina.insertTemplateVersion({ ...input, jobId: ownJob.id });
    expect(version).toMatchObject({ templateId: template.id, jobId: ownJob.id });
  });
});

describe('upsertProvisionerDaemon', () => {
  it('does not let a member overwrite an org-wide daemon by registering a user-scoped one of its key', async () => {
    const org = world.acme.id;
    // Org-wide (no user scope), but its owner tag gives it alice's key (org, name, owner).
    const orgWide = { owner: world.users.alice.id };
    await world.store
      .asProvisionerd()
      .upsertProvisionerDaemon({ organizationId: org, name: 'fleet', tags: orgWide });
    const asAlice = world.store.as(world.subject('alice'));
    const mine = { scope: 'user', owner: world.users.alice.id };
    await denied(
      asAlice.upsertProvisionerDaemon({ organizationId: org, name: 'fleet', tags: mine }),
    );
    const key = { organizationId: org, name: 'fleet', owner: world.users.alice.id };
    expect((await asAlice.getProvisionerDaemonByOrganizationAndName(key)).tags).toEqual(orgWide);
    await denied(
      world.store.as(world.subject('dave')).getProvisionerDaemonByOrganizationAndName(key),
    );
    await asAlice.upsertProvisionerDaemon({ organizationId: org, name: 'alice-1', tags: mine });
    const again = await asAlice.upsertProvisionerDaemon({
      organizationId: org,
      name: 'alice-1',
      tags: mine,
      version: 'v2',
    });
    expect(again).toMatchObject({ name: 'alice-1', version: 'v2', tags: mine });
  });
});

describe('updateWorkspaceAcl', () => {
  it('refuses the wildcard and any action the sharer does not hold itself', async () => {
    const { acme, users } = world;
    const own = await createWorkspace(database.db, {
      ownerId: users.alice.id,
      organizationId: acme.id,
      templateId: world.template.id,
    });
    const asAlice = world.store.as(world.subject('alice'));
    await invalid(
      asAlice.updateWorkspaceAcl({ id: own.id, userAcl: { [users.bob.id]: ['*'] }, groupAcl: {} }),
    );
    const bobs = await createWorkspace(database.db, {
      ownerId: users.bob.id,
      organizationId: acme.id,
      templateId: world.template.id,
      userAcl: { [users.alice.id]: ['read', 'share'] },
    });
    const grant = (actions: string[]) => ({
      id: bobs.id,
      userAcl: { [users.alice.id]: ['read', 'share'], [users.carol.id]: actions },
      groupAcl: {},
    });
    await denied(asAlice.updateWorkspaceAcl(grant(['read', 'update'])));
    await denied(asAlice.updateWorkspaceAcl(grant(['ssh'])));
    expect((await world.raw.getWorkspaceById({ id: bobs.id })).userAcl).toEqual({
      [users.alice.id]: ['read', 'share'],
    });
    expect((await world.raw.getWorkspaceById({ id: own.id })).userAcl).toEqual({});
    const shared = await asAlice.updateWorkspaceAcl(grant(['read']));
    expect(shared.userAcl).toEqual({
      [users.alice.id]: ['read', 'share'],
      [users.carol.id]: ['read'],
    });
    const full = await asAlice.updateWorkspaceAcl({
      id: own.id,
      userAcl: { [users.bob.id]: ['read', 'ssh', 'update'] },
      groupAcl: {},
    });
    expect(full.userAcl).toEqual({ [users.bob.id]: ['read', 'ssh', 'update'] });
  });
});
