// package.json describes an installable package: every entry has types, import and
// dbauthz-source conditions that agree with each other, the app's own postgres and drizzle-orm are
// peers, the files list ships the build, the migrations and the command but no tests or sources,
// and the registry page links back to the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
  files: string[];
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  license: string;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
};
const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as {
  compilerOptions: { customConditions: string[] };
};

/** The condition that resolves this package's own imports to its TypeScript sources in a clone. */
const SOURCE_CONDITION = 'dbauthz-source';

describe('package.json', () => {
  it('gives every code entry dbauthz-source, types and import conditions for the same module', () => {
    const entries = Object.entries(manifest.exports).filter(([key]) => key !== './package.json');
    expect(entries.map(([key]) => key)).toEqual(['.', './rbac', './schema']);
    for (const [key, target] of entries) {
      if (typeof target === 'string') throw new Error(`${key} has no conditions`);
      expect(Object.keys(target), key).toEqual([SOURCE_CONDITION, 'types', 'import']); // sources first
      const source = target[SOURCE_CONDITION] as string;
      expect(existsSync(join(root, source)), source).toBe(true);
      const compiled = source.replace(/^\.\//, './dist/').replace(/\.ts$/, '');
      expect(target.import).toBe(`${compiled}.js`);
      expect(target.types).toBe(`${compiled}.d.ts`);
    }
  });

  it("names the sources' condition after the package, so an app's own `--conditions=source` never picks unshipped files", () => {
    expect(tsconfig.compilerOptions.customConditions).toEqual([SOURCE_CONDITION]);
    expect(readFileSync(join(root, 'vitest.config.ts'), 'utf8')).toContain(`'${SOURCE_CONDITION}'`);
    expect(manifest.scripts.example).toContain(`--conditions=${SOURCE_CONDITION} `);
  });

  it('links the registry page to the repository, its readme and its issues', () => {
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/dbauthz/dbauthz.git',
    });
    expect(manifest.homepage).toBe('https://github.com/dbauthz/dbauthz#readme');
    expect(manifest.bugs).toEqual({ url: 'https://github.com/dbauthz/dbauthz/issues' });
  });

  it('runs the scripts that start servers with exec, so a signal to npm reaches the server owner', () => {
    // npm signals its `sh -c`, which does not pass the signal on to a child it waits for.
    for (const name of ['start', 'dbauthz', 'example', 'bench']) {
      expect(manifest.scripts[name], name).toMatch(/^exec tsx /);
    }
  });

  it('makes postgres and drizzle-orm peers (kept as dev dependencies for the repository)', () => {
    for (const name of ['postgres', 'drizzle-orm']) {
      expect(manifest.peerDependencies[name], name).toBeDefined();
      expect(manifest.devDependencies[name], name).toBeDefined();
      expect(manifest.dependencies[name], name).toBeUndefined();
    }
    expect(Object.keys(manifest.dependencies)).toEqual(['zod']);
  });

  it('ships the build, the migrations and the command, and no tests, sources or benchmarks', () => {
    expect(manifest.files).toEqual(
      expect.arrayContaining(['bin/', 'dist/src/', 'dist/db/', 'db/migrations/']),
    );
    const shipped = manifest.files.join(' ');
    expect(shipped).not.toMatch(/(^| )(test|bench|examples|src|scripts|\.ci)\//);
    expect(existsSync(join(root, 'LICENSE'))).toBe(true);
    expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toContain(`${manifest.license} License`);
  });

  it('runs the command from compiled code when installed, never requiring tsx', () => {
    const bin = readFileSync(join(root, manifest.bin.dbauthz ?? ''), 'utf8');
    expect(bin).toContain("'../dist/src/cli/main.js'");
    expect(bin).toMatch(/ERR_MODULE_NOT_FOUND/); // tsx is optional: only inside a clone
    expect(manifest.scripts.prepack).toBe('npm run build');
    expect(manifest.scripts.test).toBe('vitest run');
  });
});
