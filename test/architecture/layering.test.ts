import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers and the only arrows allowed between them (style.md, example 1):
// rbac is pure; sql builds on rbac; dbauthz on rbac, sql and db; db on nothing in src.
const root = resolve(import.meta.dirname, '../..');
const allowed: Record<string, readonly string[]> = {
  'src/rbac': ['src/rbac', 'zod'],
  'src/sql': ['src/sql', 'src/rbac', 'drizzle-orm'],
  'src/dbauthz': ['src/dbauthz', 'src/rbac', 'src/sql', 'db', 'drizzle-orm', 'zod', 'node:'],
  db: ['db', 'drizzle-orm', 'postgres', 'zod', 'node:'],
};

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
    specifiers.push(match[1]!);
  }
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g))
    specifiers.push(match[1]!);
  for (const match of text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)) specifiers.push(match[1]!);
  return specifiers;
}

/** The layer (or package) a specifier points at, seen from `file`. */
function targetOf(file: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    if (specifier.startsWith('node:')) return 'node:';
    const parts = specifier.split('/');
    return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const target = relative(root, resolve(root, file, '..', specifier));
  return (
    Object.keys(allowed).find((layer) => target === layer || target.startsWith(`${layer}/`)) ??
    target
  );
}

describe('import layering', () => {
  for (const [layer, targets] of Object.entries(allowed)) {
    it(`${layer} imports only ${targets.join(', ')}`, () => {
      const violations: string[] = [];
      for (const file of filesUnder(layer)) {
        for (const specifier of importsOf(file)) {
          const target = targetOf(file, specifier);
          if (!targets.includes(target)) violations.push(`${file} -> ${specifier}`);
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('sees a forbidden arrow when one is written (the checker itself can fail)', () => {
    expect(targetOf('db/queries/users.ts', '../../src/rbac/errors.ts')).toBe('src/rbac');
    expect(allowed.db).not.toContain('src/rbac');
    expect(targetOf('src/rbac/authorize.ts', 'drizzle-orm')).toBe('drizzle-orm');
    expect(allowed['src/rbac']).not.toContain('drizzle-orm');
  });
});
