// The public API is deliberate: README.md lists every name the package root, `dbauthz/rbac` and
// `dbauthz/schema` export (between its public-api markers, the one place to extend), and nothing
// else is exported.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportedNames } from './exported-names.ts';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The backticked names README.md lists between `<!-- public-api:<entry>:start/end -->`. */
function listed(entry: string): string[] {
  const block = new RegExp(
    `<!-- public-api:${entry}:start -->([\\s\\S]*?)<!-- public-api:${entry}:end -->`,
  ).exec(readme)?.[1];
  if (block === undefined) throw new Error(`README.md has no public-api:${entry} markers`);
  return [...block.matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1] as string).sort();
}

const sorted = (names: Iterable<string>) => [...names].sort();
const rbacListed = listed('dbauthz/rbac');
const rootListed = sorted(new Set([...rbacListed, ...listed('dbauthz')]));
const schemaListed = listed('dbauthz/schema');

describe('the public API listed in README.md', () => {
  it('is exactly what dbauthz/rbac exports, values and types', async () => {
    expect(sorted(exportedNames(join(root, 'src/rbac/index.ts')))).toEqual(rbacListed);
    const runtime = Object.keys(await import('dbauthz/rbac'));
    expect(runtime.filter((name) => !rbacListed.includes(name))).toEqual([]);
  });

  it('is exactly what the package root exports: everything of dbauthz/rbac plus its own list', async () => {
    expect(sorted(exportedNames(join(root, 'src/index.ts')))).toEqual(rootListed);
    const runtime = Object.keys(await import('dbauthz'));
    expect(runtime.filter((name) => !rootListed.includes(name))).toEqual([]);
  });

  it('is exactly what dbauthz/schema exports: the tables, view and enums, their column types and two constants', async () => {
    expect(sorted(exportedNames(join(root, 'db/schema/index.ts')))).toEqual(schemaListed);
    const runtime = Object.keys(await import('dbauthz/schema'));
    expect(runtime.filter((name) => !schemaListed.includes(name))).toEqual([]);
    for (const name of [
      'users',
      'workspaces',
      'PREBUILDS_SYSTEM_USER_ID',
      'SHAREABLE_WORKSPACE_OWNERS',
    ]) {
      expect(runtime, name).toContain(name);
    }
  });

  it('lists no name twice, so an addition goes in one place', () => {
    const own = listed('dbauthz');
    expect(own.filter((name) => rbacListed.includes(name))).toEqual([]);
    expect(new Set(own).size).toBe(own.length);
    expect(new Set(rbacListed).size).toBe(rbacListed.length);
    expect(new Set(schemaListed).size).toBe(schemaListed.length);
  });

  it('reads the export lists of an entry file, including export * chains', () => {
    // The reader itself: a value, a type, a renamed export and a star re-export are all seen.
    const names = exportedNames(join(root, 'src/index.ts'));
    for (const name of ['createAuthorizedStore', 'AuthorizedStore', 'Workspace', 'authorize']) {
      expect(names.has(name), name).toBe(true);
    }
  });
});
