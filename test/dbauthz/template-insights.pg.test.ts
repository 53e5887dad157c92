import { beforeAll, describe, expect, it } from 'vitest';
import type { Template } from '../../db/types.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import type { Decision } from '../../src/dbauthz/decision-hook.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { createBuild, createTemplate, createWorkspace } from '../support/factories/index.ts';
import { denied, seedWorkspaceWorld, type WorkspaceWorld } from './support/workspace-world.ts';

const database = databaseForFile();
let world: WorkspaceWorld;
/** An acme template carol may read and update through its user ACL, but not view insights of. */
let shared: Template;
const DAY = 86_400_000;
const window = { since: new Date('2026-02-01T00:00:00Z'), until: new Date('2026-03-01T00:00:00Z') };

beforeAll(async () => {
  world = await seedWorkspaceWorld(database);
  const { acme, users } = world;
  shared = await createTemplate(database.db, {
    organizationId: acme.id,
    name: 'shared',
    userAcl: { [users.carol.id]: ['read', 'update'] },
  });
  for (const template of [world.template, shared]) {
    const ws = await createWorkspace(database.db, {
      organizationId: acme.id,
      ownerId: users.alice.id,
      templateId: template.id,
    });
    await createBuild(database.db, { workspaceId: ws.id, createdAt: new Date('2026-02-10') });
    await createBuild(database.db, { workspaceId: ws.id, createdAt: new Date('2026-02-11') });
  }
});

/** bob with the site `auditor` role added (template read and view_insights site-wide). */
const auditor = (): Subject =>
  createSubject({ ...world.subject('bob'), roles: [...world.subject('bob').roles, 'auditor'] });
const insightsOf = (subject: Subject, template: Template) =>
  world.store.as(subject).getTemplateInsights({ templateId: template.id, ...window });
const usage = (template: Template) => ({
  templateId: template.id,
  ...window,
  activeUsers: 1,
  workspaces: 1,
  workspaceBuilds: 2,
});

describe('getTemplateInsights: view_insights on the template, or update on it (Coder)', () => {
  it('is shown to an org template admin and to an auditor', async () => {
    expect(await insightsOf(world.subject('tina'), world.template)).toEqual(usage(world.template));
    expect(await insightsOf(auditor(), world.template)).toEqual(usage(world.template));
    expect(await insightsOf(world.subject('olga'), shared)).toEqual(usage(shared));
  });

  it('is refused to a plain member who may read and use the template', async () => {
    expect(
      await world.store.as(world.subject('alice')).getTemplateById({ id: world.template.id }),
    ).toMatchObject({ id: world.template.id });
    expect(await denied(insightsOf(world.subject('alice'), world.template))).toBe('forbidden');
    expect(await denied(insightsOf(world.subject('dave'), world.template))).toBe('forbidden');
  });

  it('is shown through the fallback to a user who may only update the template', async () => {
    const decisions: Decision[] = [];
    const store = createAuthorizedStore(world.raw, { onDecision: (d) => decisions.push(d) });
    const carol = world.subject('carol');
    const got = await store.as(carol).getTemplateInsights({ templateId: shared.id, ...window });
    expect(got).toEqual(usage(shared));
    expect(decisions.map((d) => [d.action, d.allowed])).toEqual([
      ['view_insights', false],
      ['update', true],
    ]);
    // The ACL is per template: the other template stays hidden from her.
    expect(await denied(insightsOf(carol, world.template))).toBe('forbidden');
  });

  it('is the same denial for a template that does not exist', async () => {
    const missing = { ...shared, id: '00000000-0000-4000-8000-00000000beef' };
    expect(await denied(insightsOf(world.subject('tina'), missing))).toBe('not_found');
  });
});

describe('template dormancy TTLs through the store', () => {
  it('are set by whoever may update the template and read by whoever may read it', async () => {
    const ttl = { timeTilDormant: 14 * DAY, timeTilDormantAutodelete: 30 * DAY };
    const template = await createTemplate(database.db, {
      organizationId: world.acme.id,
      groupAcl: { [world.acme.id]: ['read'] },
    });
    await denied(
      world.store.as(world.subject('alice')).updateTemplateMeta({ id: template.id, ...ttl }),
    );
    const updated = await world.store
      .as(world.subject('tina'))
      .updateTemplateMeta({ id: template.id, ...ttl });
    expect(updated).toMatchObject(ttl);
    const read = await world.store.as(world.subject('alice')).getTemplateById({ id: template.id });
    expect(read).toMatchObject(ttl);
  });

  it('refuses a negative TTL as invalid_input before any check', async () => {
    await expect(
      world.store
        .as(world.subject('tina'))
        .updateTemplateMeta({ id: world.template.id, timeTilDormant: -DAY }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'timeTilDormant' });
  });
});
