import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { declarations } from '../../src/dbauthz/methods/index.ts';

// The Coder comparison pages are read by people porting from Coder: a store method missing from
// the name map, or a cited test that was moved or renamed, sends them nowhere.

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The text of the `## heading` section of a markdown page, up to the next `## `. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

/** Identifiers that open a backticked span: `getUserById` and `listOrganizations({ ... })` alike. */
function backtickedNames(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/`([A-Za-z_$][\w$]*)/g)].map((m) => m[1]!));
}

/**
 * Paths under test/ a page cites, relative to the repository root: backticked (`test/a.test.ts`,
 * written from the root) and link targets ([x](../test/a.test.ts), relative to the page).
 */
function citedTestPaths(page: string): string[] {
  const markdown = read(page);
  const backticked = [...markdown.matchAll(/`(test\/[^`\s]+)`/g)].map((m) => m[1]!);
  const linked = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => normalize(join(dirname(page), m[1]!.replace(/#.*$/, ''))))
    .filter((path) => path.startsWith('test/'));
  return [...new Set([...backticked, ...linked])];
}

describe('docs/coder-parity.md', () => {
  it('names every declared store method in its store methods table', () => {
    const named = backtickedNames(section(read('docs/coder-parity.md'), 'Store methods'));
    const methods = Object.keys(declarations);
    expect(methods.length).toBeGreaterThan(100);
    expect(methods.filter((method) => !named.has(method))).toEqual([]);
  });
});

describe('test files cited by the Coder comparison pages', () => {
  it('reads the paths cited in backticks and in links, relative to the page', () => {
    expect(citedTestPaths('docs/coder-differences.md')).toContain('test/rbac/truth-table.test.ts');
    expect(citedTestPaths('docs/coder-differences.md').length).toBeGreaterThan(5);
  });

  for (const page of ['docs/coder-differences.md', 'docs/coder-parity.md']) {
    it(`exist in the repository: ${page}`, () => {
      const missing = citedTestPaths(page).filter((path) => !existsSync(join(root, path)));
      expect(missing).toEqual([]);
    });
  }
});
