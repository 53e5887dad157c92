import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../db/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  createProvisionerJob,
  createTemplate,
  createTemplateVersion,
} from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

const database = databaseForFile();
let world: WorkspaceWorld;
const t: Record<string, Template> = {};

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
  const { acme, users } = world;
  const seed = async (name: string, acl: Partial<Template> = {}) => {
    t[name] = await createTemplate(database.db, { organizationId: acme.id, name, ...acl });
  };
  await seed('t-alice', { userAcl: { [users.alice.id]: ['read'] } });
  await seed('t-devs', { groupAcl: { [world.devsGroupId]: ['read', 'use'] } });
  await seed('t-hidden');
  t['t-globex'] = await createTemplate(database.db, {
    organizationId: world.globex.id,
    name: 't-globex',
    groupAcl: { [world.globex.id]: ['read'] },
  });
});

const names = (rows: readonly Template[]) => rows.map((row) => row.name);

describe('listing templates is filtered in SQL by role, user ACL, group ACL and Everyone', () => {
  it('shows each member exactly the templates shared with them', async () => {
    const list = (name: 'alice' | 'carol' | 'dave') =>
      world.store.as(world.subject(name)).listTemplates({}).then(names);
    expect(await list('alice')).toEqual(['docker', 't-alice']);
    expect(await list('carol')).toEqual(['docker', 't-devs']);
    expect(await list('dave')).toEqual(['t-globex']);
    expect(await world.store.as(world.subject('alice')).countTemplates({})).toBe(2);
  });

  it('shows an org template admin every template of their org, and a site owner all', async () => {
    const asTina = world.store.as(world.subject('tina'));
    expect(names(await asTina.listTemplates({}))).toEqual([
      'docker',
      't-alice',
      't-devs',
      't-hidden',
    ]);
    expect(await asTina.countTemplates({ organizationId: world.globex.id })).toBe(0);
    expect(await world.store.as(world.subject('olga')).countTemplates({})).toBe(5);
  });

  it('pages exactly under the filter', async () => {
    const asTina = world.store.as(world.subject('tina'));
    expect(names(await asTina.listTemplates({ limit: 2, offset: 1 }))).toEqual([
      't-alice',
      't-devs',
    ]);
  });
});

describe('template reads and writes', () => {
  it('hides a template the actor may not read, as if it did not exist', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    expect((await asAlice.getTemplateById({ id: t['t-alice']!.id })).name).toBe('t-alice');
    expect(await denied(asAlice.getTemplateById({ id: t['t-hidden']!.id }))).toBe('forbidden');
    const byName = { organizationId: world.acme.id, name: 't-hidden' };
    expect(await denied(asAlice.getTemplateByOrganizationAndName(byName))).toBe('forbidden');
  });

  it('lets an org template admin create, update and delete templates; a member cannot', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const asTina = world.store.as(world.subject('tina'));
    const input = { organizationId: world.acme.id, createdBy: world.users.alice.id, name: 'mine' };
    await denied(asAlice.insertTemplate(input));
    await denied(asAlice.updateTemplateMeta({ id: t['t-alice']!.id, displayName: 'pwned' }));
    const made = await asTina.insertTemplate({ ...input, createdBy: world.users.tina.id });
    expect(
      (await asTina.updateTemplateMeta({ id: made.id, displayName: 'Mine' })).displayName,
    ).toBe('Mine');
    await denied(asAlice.softDeleteTemplate({ id: made.id }));
    await asTina.softDeleteTemplate({ id: made.id });
    expect((await world.raw.getTemplateById({ id: made.id })).deleted).toBe(true);
    await denied(asTina.insertTemplate({ ...input, organizationId: world.globex.id }));
  });

  it('needs create on the template to change its ACL (an update grant is not enough)', async () => {
    const target = t['t-devs']!;
    const asCarol = world.store.as(world.subject('carol'));
    await world.raw.updateTemplateAcl({
      id: target.id,
      userAcl: { [world.users.carol.id]: ['read', 'update'] },
      groupAcl: target.groupAcl,
    });
    await asCarol.updateTemplateMeta({ id: target.id, description: 'edited by carol' });
    await denied(
      asCarol.updateTemplateAcl({
        id: target.id,
        userAcl: {},
        groupAcl: { [world.acme.id]: ['*'] },
      }),
    );
    expect((await world.raw.getTemplateById({ id: target.id })).groupAcl).toEqual(target.groupAcl);
    const asTina = world.store.as(world.subject('tina'));
    const shared = await asTina.updateTemplateAcl({ id: target.id, userAcl: {}, groupAcl: {} });
    expect([shared.userAcl, shared.groupAcl]).toEqual([{}, {}]);
  });
});

describe('template versions go through their template', () => {
  it('reads versions of a readable template, and orphan versions by org template read', async () => {
    const asAlice = world.store.as(world.subject('alice'));
    const versions = await asAlice.listTemplateVersionsByTemplate({ templateId: t['t-alice']!.id });
    expect(versions.map((v) => v.id)).toEqual([t['t-alice']!.activeVersionId]);
    expect(await asAlice.countTemplateVersionsByTemplate({ templateId: t['t-alice']!.id })).toBe(1);
    await denied(asAlice.listTemplateVersionsByTemplate({ templateId: t['t-hidden']!.id }));
    await denied(asAlice.getTemplateVersionById({ id: t['t-hidden']!.activeVersionId! }));
    const orphan = await createTemplateVersion(database.db, { organizationId: world.acme.id });
    await denied(asAlice.getTemplateVersionById({ id: orphan.id }));
    expect(
      (await world.store.as(world.subject('tina')).getTemplateVersionById({ id: orphan.id })).id,
    ).toBe(orphan.id);
  });

  it('inserts a version with update on the template (or template create in the org)', async () => {
    const job = await createProvisionerJob(database.db, { organizationId: world.acme.id });
    const input = {
      templateId: t['t-alice']!.id,
      organizationId: world.acme.id,
      name: 'v2',
      jobId: job.id,
      createdBy: world.users.alice.id,
    };
    await denied(world.store.as(world.subject('alice')).insertTemplateVersion(input));
    const { templateId: _, ...orphan } = input;
    await denied(
      world.store.as(world.subject('alice')).insertTemplateVersion({ ...orphan, name: 'v0' }),
    );
    const asTina = world.store.as(world.subject('tina'));
    // The creator is the actor: tina may not attribute her version to alice.
    await denied(asTina.insertTemplateVersion(input));
    const byTina = { ...input, createdBy: world.users.tina.id };
    await asTina.insertTemplateVersion(byTina);
    await asTina.insertTemplateVersion({ ...orphan, createdBy: world.users.tina.id, name: 'v0' });
    expect(await world.raw.countTemplateVersionsByTemplate({ templateId: input.templateId })).toBe(
      2,
    );
  });
});
