// README.md cannot go empty or stale: every fenced block has content, the permission matrix is
// what `npm start` prints today, every npm script it names exists, and every link stays inside
// the repository.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRawStore } from '../../db/queries/index.ts';
import { demoActors } from '../../src/cli/demo/demo-actors.ts';
import { permissionMatrix } from '../../src/cli/demo/permission-matrix.ts';
import { seedDeployment } from '../../src/cli/seed/seed-deployment.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/build-subject.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

const root = join(import.meta.dirname, '../..');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const blocks = [...readme.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1] ?? '',
  body: m[2] ?? '',
  line: readme.slice(0, m.index).split('\n').length,
}));

describe('README.md fenced blocks', () => {
  it('has blocks, each with a language and content', () => {
    expect(blocks.length).toBeGreaterThan(3);
    const empty = blocks.filter((b) => b.body.trim() === '' || b.lang === '').map((b) => b.line);
    expect(empty, 'empty or untagged fenced blocks at these lines').toEqual([]);
  });

  it('names only npm scripts that package.json defines', () => {
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    const named = blocks
      .filter((b) => b.lang === 'sh')
      .flatMap((b) => [...b.body.matchAll(/npm (?:run ([\w:-]+)|(start|test))\b/g)])
      .map((m) => m[1] ?? m[2] ?? '');
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });
});

describe('README.md links', () => {
  it('point at files that exist inside the repository, never outside it', () => {
    const targets = [...readme.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)]
      .map((m) => m[1] ?? '')
      .filter((target) => !/^[a-z]+:/.test(target));
    expect(targets.length).toBeGreaterThan(5);
    const outside = targets.filter((t) => !resolve(dirname(readmePath), t).startsWith(`${root}/`));
    const missing = targets.filter((t) => !existsSync(resolve(dirname(readmePath), t)));
    expect({ outside, missing }).toEqual({ outside: [], missing: [] });
    expect(readme).not.toMatch(/\.\.\/shared|\/work\//);
  });
});

describe("README.md's permission matrix", () => {
  let t: TestDatabase;
  let matrix: string;
  beforeAll(async () => {
    t = await useTestDatabase();
    const raw = createRawStore(t.db);
    const d = await seedDeployment(raw);
    const store = createAuthorizedStore(raw);
    const rows = [];
    for (const actor of demoActors(d)) {
      rows.push({ actor, subject: await buildSubject(store, actor.user.id) });
    }
    matrix = (await permissionMatrix(store, d, rows)).text;
  });
  afterAll(() => t?.close());

  it('is the table `npm start` prints today (paste it from `npm start` when this fails)', () => {
    const shown = blocks.find((b) => b.lang === 'text' && b.body.startsWith('actor '));
    expect(shown?.body.trim()).toBe(matrix.split('\n\n')[0]?.trim());
  });
});
