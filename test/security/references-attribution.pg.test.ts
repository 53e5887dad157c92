import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, Template, User, Workspace } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/index.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createBuild,
  createMember,
  createOrganization,
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

// Attack: writes trusted the references and attribution fields of their input. A member's build
// accepted another org's provisioner job and a site owner as `initiatorId` (the build view then
// showed the owner as initiator); insertTemplate accepted another org's version as its active
// version; `createdBy` / `initiatorId` could be forged on templates, versions and jobs; a job's
// input could name a build of another org. For a human actor attribution is the actor; every
// reference must belong to the same org (or parent), and a foreign reference is the same
// `forbidden` as a missing one.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let globex: Organization;
let alice: User; // acme member with a workspace
let tina: User; // acme template admin
let siteOwner: User;
let template: Template;
let workspace: Workspace;

const asAlice = () => store.as(memberOf(alice.id, acme.id, ['organization-workspace-access']));
const asTina = () => store.as(memberOf(tina.id, acme.id, ['organization-template-admin']));
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => (error as { code?: string }).code,
  );
const buildJob = (organizationId: string, initiatorId: string) =>
  createProvisionerJob(database.db, { organizationId, initiatorId, type: 'workspace_build' });

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createOrganization(database.db);
  globex = await createOrganization(database.db);
  alice = await createUser(database.db);
  tina = await createUser(database.db);
  siteOwner = await createUser(database.db, { rbacRoles: ['owner'] });
  for (const user of [alice, tina]) {
    await createMember(database.db, { organizationId: acme.id, userId: user.id });
  }
  template = await createTemplate(database.db, {
    organizationId: acme.id,
    createdBy: tina.id,
    groupAcl: { [acme.id]: ['read', 'use'] },
  });
  workspace = await createWorkspace(database.db, {
    organizationId: acme.id,
    ownerId: alice.id,
    templateId: template.id,
  });
});

describe('insertWorkspaceBuild', () => {
  const build = (jobId: string, initiatorId: string) => ({
    workspaceId: workspace.id,
    templateVersionId: template.activeVersionId!,
    transition: 'start' as const,
    initiatorId,
    jobId,
  });

  it("refuses another org's provisioner job, and a missing one, alike", async () => {
    const foreign = await buildJob(globex.id, alice.id);
    const missing = '00000000-0000-4000-8000-00000000dead';
    expect(await code(asAlice().insertWorkspaceBuild(build(foreign.id, alice.id)))).toBe(
      'forbidden',
    );
    expect(await code(asAlice().insertWorkspaceBuild(build(missing, alice.id)))).toBe('forbidden');
    expect(await raw.countWorkspaceBuildsByWorkspace({ workspaceId: workspace.id })).toBe(0);
  });

  it("refuses another user's job, used or not, without a conflict oracle", async () => {
    const bob = await createUser(database.db);
    await createMember(database.db, { organizationId: acme.id, userId: bob.id });
    const bobsWorkspace = await createWorkspace(database.db, {
      organizationId: acme.id,
      ownerId: bob.id,
      templateId: template.id,
    });
    const used = await createBuild(database.db, { workspaceId: bobsWorkspace.id });
    const unused = await buildJob(acme.id, bob.id);
    expect(await code(asAlice().insertWorkspaceBuild(build(used.jobId, alice.id)))).toBe(
      'forbidden',
    );
    expect(await code(asAlice().insertWorkspaceBuild(build(unused.id, alice.id)))).toBe(
      'forbidden',
    );
    expect(await raw.countWorkspaceBuildsByWorkspace({ workspaceId: workspace.id })).toBe(0);
  });

  it('refuses a job that is not a workspace build job', async () => {
    const importJob = await createProvisionerJob(database.db, {
      organizationId: acme.id,
      initiatorId: alice.id,
    });
    expect(await code(asAlice().insertWorkspaceBuild(build(importJob.id, alice.id)))).toBe(
      'forbidden',
    );
    expect(await raw.countWorkspaceBuildsByWorkspace({ workspaceId: workspace.id })).toBe(0);
  });

  it('refuses a forged initiator (the site owner), and records the actor otherwise', async () => {
    const job = await buildJob(acme.id, alice.id);
    expect(await code(asAlice().insertWorkspaceBuild(build(job.id, siteOwner.id)))).toBe(
      'forbidden',
    );
    expect(await raw.countWorkspaceBuildsByWorkspace({ workspaceId: workspace.id })).toBe(0);
    const ok = await asAlice().insertWorkspaceBuild(build(job.id, alice.id));
    expect([ok.initiatorId, ok.jobId]).toEqual([alice.id, job.id]);
    // A system actor (autostart) builds on a user's behalf and names the initiator.
    const next = await buildJob(acme.id, alice.id);
    const auto = await store.asAutostart().insertWorkspaceBuild(build(next.id, alice.id));
    expect(auto.initiatorId).toBe(alice.id);
  });
});

describe('insertTemplate', () => {
  it("refuses another org's version as its active version, and a missing one, alike", async () => {
    const foreign = await createTemplateVersion(database.db, { organizationId: globex.id });
    const base = { organizationId: acme.id, createdBy: tina.id };
    const attack = { ...base, name: 'stolen', activeVersionId: foreign.id };
    expect(await code(asTina().insertTemplate(attack))).toBe('forbidden');
    const missing = {
      ...base,
      name: 'ghost',
      activeVersionId: '00000000-0000-4000-8000-00000000dead',
    };
    expect(await code(asTina().insertTemplate(missing))).toBe('forbidden');
    // A version already bound to another template of the same org is not a new template's.
    const taken = { ...base, name: 'taken', activeVersionId: template.activeVersionId! };
    expect(await code(asTina().insertTemplate(taken))).toBe('forbidden');
    expect(await raw.countTemplates({ organizationId: acme.id })).toBe(1);
    const own = await createTemplateVersion(database.db, { organizationId: acme.id });
    const created = await asTina().insertTemplate({
      ...base,
      name: 'fine',
      activeVersionId: own.id,
    });
    expect(created.activeVersionId).toBe(own.id);
  });

  it('refuses a forged creator', async () => {
    const forged = { organizationId: acme.id, createdBy: siteOwner.id, name: 'forged' };
    expect(await code(asTina().insertTemplate(forged))).toBe('forbidden');
    expect(
      await code(raw.getTemplateByOrganizationAndName({ organizationId: acme.id, name: 'forged' })),
    ).toBe('not_found');
  });
});

describe('insertTemplateVersion and insertProvisionerJob', () => {
  it('refuse a forged creator or initiator', async () => {
    const job = await createProvisionerJob(database.db, {
      organizationId: acme.id,
      initiatorId: tina.id,
    });
    const version = {
      templateId: template.id,
      organizationId: acme.id,
      name: 'forged-version',
      jobId: job.id,
      createdBy: siteOwner.id,
    };
    expect(await code(asTina().insertTemplateVersion(version))).toBe('forbidden');
    const mine = await asTina().insertTemplateVersion({ ...version, createdBy: tina.id });
    expect(mine.createdBy).toBe(tina.id);
    const forgedJob = {
      organizationId: acme.id,
      initiatorId: siteOwner.id,
      type: 'template_version_import' as const,
    };
    expect(await code(asTina().insertProvisionerJob(forgedJob))).toBe('forbidden');
    const ownJob = await asTina().insertProvisionerJob({ ...forgedJob, initiatorId: tina.id });
    expect(ownJob.initiatorId).toBe(tina.id);
  });

  it("refuses a job input naming another org's build or version, or a missing one", async () => {
    const foreignBuild = await createBuild(database.db);
    const foreignVersion = await createTemplateVersion(database.db, { organizationId: globex.id });
    const job = { organizationId: acme.id, initiatorId: tina.id, type: 'workspace_build' as const };
    const inputs = [
      { workspaceBuildId: foreignBuild.id },
      { workspace_build_id: foreignBuild.id },
      { templateVersionId: foreignVersion.id },
      { template_version_id: '00000000-0000-4000-8000-00000000dead' },
    ];
    for (const input of inputs) {
      expect(await code(asTina().insertProvisionerJob({ ...job, input }))).toBe('forbidden');
    }
    const ownBuild = await createBuild(database.db, { workspaceId: workspace.id });
    const fine = await asTina().insertProvisionerJob({
      ...job,
      input: { workspaceBuildId: ownBuild.id },
    });
    expect(fine.input).toEqual({ workspaceBuildId: ownBuild.id });
  });

  it('lets the site owner act under their own name only', async () => {
    const owner: Subject = await buildSubject(store, siteOwner.id);
    const job = {
      organizationId: acme.id,
      initiatorId: tina.id,
      type: 'template_version_import' as const,
    };
    expect(await code(store.as(owner).insertProvisionerJob(job))).toBe('forbidden');
    const own = await store.as(owner).insertProvisionerJob({ ...job, initiatorId: siteOwner.id });
    expect(own.initiatorId).toBe(siteOwner.id);
  });
});
