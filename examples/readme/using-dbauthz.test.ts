// Runs the README's "Using it in an app" sample against PostgreSQL, and checks that every
// TypeScript block of README.md is real code from examples/ (so the README cannot drift).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemActorPermissionTable } from '../../src/index.ts';
import { databaseForFile } from '../../test/support/database-fixture.ts';
import {
  createAgentPlacement,
  createBoundaryLog,
  createMember,
  createUser,
  createWorkspace,
} from '../../test/support/factories/index.ts';
import { createStore, getWorkspace, purgeOldBoundaryLogs } from './using-dbauthz.ts';

const tdb = databaseForFile();

describe('the README sample', () => {
  it('answers 200 for your own workspace and the same 404 for a stranger and a missing row', async () => {
    const store = createStore(tdb.client);
    const workspace = await createWorkspace(tdb.db);
    const stranger = await createUser(tdb.db);
    await createMember(tdb.db, { userId: stranger.id, organizationId: workspace.organizationId });

    const own = await getWorkspace(store, workspace.ownerId, workspace.id);
    expect(own.status).toBe(200);
    expect(own.body?.id).toBe(workspace.id);
    expect(await getWorkspace(store, stranger.id, workspace.id)).toEqual({ status: 404 });
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await getWorkspace(store, workspace.ownerId, missing)).toEqual({ status: 404 });
    expect(await getWorkspace(store, workspace.ownerId, 'not-a-uuid')).toEqual({ status: 400 });
  });

  it('purges old boundary logs as the purge actor', async () => {
    const store = createStore(tdb.client);
    const placement = await createAgentPlacement(tdb.db);
    await createBoundaryLog(tdb.db, placement, { time: new Date('2020-01-01T00:00:00Z') });
    await createBoundaryLog(tdb.db, placement);
    expect(await purgeOldBoundaryLogs(store, new Date('2021-01-01T00:00:00Z'))).toBe(1);
  });
});

describe('README.md code blocks', () => {
  const root = join(import.meta.dirname, '../..');
  const sources = [
    ...readdirSync(join(root, 'examples/readme'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'examples/readme', f), 'utf8')),
    readFileSync(join(root, 'test/rbac/readme-example.test.ts'), 'utf8'),
  ].join('\n');
  const blocks = [
    ...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g),
  ];

  it('has TypeScript samples to check', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  it('shows only code that is compiled and run from examples/ or the rbac example test', () => {
    const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
    const haystack = normalize(sources);
    const strays = blocks
      .map((m) => m[1]!)
      .filter((code) => {
        // The import line of the rbac sample names the package entry; the test imports the same.
        const lines = code.split('\n').filter((l) => !l.startsWith('import') && l.trim() !== '');
        return lines.some((line) => !haystack.includes(normalize(line)));
      });
    expect(strays).toEqual([]);
  });

  it('holds the generated system-actor permission table between its markers', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const found = /<!-- system-actors:start -->\n([\s\S]*?)\n<!-- system-actors:end -->/.exec(
      readme,
    );
    expect(found?.[1]?.trim()).toBe(systemActorPermissionTable().trim());
  });
});
