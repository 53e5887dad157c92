import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { runCli } from '../../src/cli/main.ts';
import { type Deployment, seedDeployment } from '../../src/cli/seed/seed-deployment.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { captureIo } from './support/capture-io.ts';

const t = databaseForFile();
let d: Deployment;

beforeAll(async () => {
  d = await seedDeployment(createRawStore(t.db));
});

async function explain(...args: string[]) {
  const io = captureIo({ DATABASE_URL: t.url });
  const code = await runCli(['explain', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('dbauthz explain', () => {
  it('names the org negative that stops a banned member', async () => {
    const ws = d.workspaces.miaDev.workspace.id;
    const { code, out } = await explain('--as', 'bella', 'delete', 'workspace', ws);
    expect(code).toBe(0);
    expect(out).toContain(`bella may NOT delete workspace ${ws}\n`);
    expect(out).toContain(
      'decision: DENIED (negative_permission): a negative permission denies delete on workspace (org level, role "organization-workspace-creation-ban" in org acme, -workspace:delete)\n',
    );
    expect(out).toContain('object:  workspace');
    expect(out).toContain('owner mia; org acme; user ACL {max: read}');
  });

  it('names the level, role and permission that allow an owner', async () => {
    const ws = d.workspaces.ginaDev.workspace.id;
    const { out } = await explain('--as', 'olivia', 'read', 'workspace', ws);
    expect(out).toContain(
      'decision: ALLOWED (allowed_by_role): allowed (site level, role "owner", workspace:read)\n',
    );
  });

  it('names the group ACL entry that shares a template', async () => {
    const { out } = await explain('--as', 'max', 'use', 'template', d.templates.gpuBox.template.id);
    expect(out).toContain(
      'decision: ALLOWED (allowed_by_acl): allowed by the group ACL entry frontend\n',
    );
    expect(out).toContain(
      'subject: roles member, organization-member@acme; groups Everyone@acme, frontend; scope coder:all\n',
    );
  });

  it('checks a dormant workspace as workspace_dormant and says so', async () => {
    const ws = d.workspaces.bellaOld.workspace.id;
    const { out } = await explain('--as', 'mia', 'read', 'workspace', ws);
    expect(out).toContain('(the row is checked as workspace_dormant, as the store does)\n');
    expect(out).toContain(
      'decision: DENIED (no_permission): no role grants read on workspace_dormant\n',
    );
  });

  it('says when the subject is not a member of the object org', async () => {
    const { out } = await explain(
      '--as',
      'gina',
      'read',
      'template',
      d.templates.gpuBox.template.id,
    );
    expect(out).toContain('DENIED (not_org_member)');
  });

  it('reports unknown users, objects, types and actions clearly, with exit codes', async () => {
    const ws = d.workspaces.miaDev.workspace.id;
    expect(await explain('--as', 'nobody', 'read', 'workspace', ws)).toEqual({
      code: 1,
      out: '',
      err: 'dbauthz: explain: no user named "nobody"\n',
    });
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await explain('--as', 'mia', 'read', 'workspace', missing)).err).toBe(
      `dbauthz: explain: no workspace with id ${missing}\n`,
    );
    const badType = await explain('--as', 'mia', 'read', 'spaceship', ws);
    expect(badType.code).toBe(2);
    expect(badType.err).toMatch(
      /^dbauthz: explain: unknown resource type "spaceship" \(explainable types: api_key, /,
    );
    const badAction = await explain('--as', 'mia', 'fly', 'workspace', ws);
    expect(badAction.code).toBe(2);
    expect(badAction.err).toContain(
      'unknown action "fly" for workspace (its actions: application_connect, create,',
    );
    const usage = await explain('read', 'workspace', ws);
    expect(usage).toMatchObject({
      code: 2,
      err: 'dbauthz: explain: expected --as <username> <action> <type> <id> (see dbauthz explain --help)\n',
    });
  });

  it('says what to do without a database, and prints help without one', async () => {
    const io = captureIo({});
    expect(await runCli(['explain', '--as', 'mia', 'read', 'workspace', 'x'], io)).toBe(1);
    expect(io.stderr()).toBe(
      'dbauthz: explain: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/app; ' +
        '`npx dbauthz demo --keep` prints the URL of a throwaway database to try it on)\n',
    );
    const help = captureIo({});
    expect(await runCli(['explain', '--help'], help)).toBe(0);
    expect(help.stdout()).toMatch(
      /^Usage: DATABASE_URL=postgres:\/\/\.\.\. dbauthz explain --as <username>/,
    );
  });
});
