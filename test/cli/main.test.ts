// `dbauthz` itself: help with aligned columns, --version, and one-line usage errors (exit 2).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainHelp, runCli } from '../../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';

const version = (
  JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as {
    version: string;
  }
).version;

describe('dbauthz', () => {
  it('prints its version with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const io = captureIo();
      expect(await runCli([flag], io)).toBe(0);
      expect(io.stdout()).toBe(`${version}\n`);
    }
  });

  it('aligns the second column of every command and option line of its help', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.stdout()).toBe(`${mainHelp}\n`);
    const section = (title: string) => {
      const lines = mainHelp.split(`${title}:\n`)[1]?.split('\n\n')[0]?.split('\n') ?? [];
      return lines.map((line) => /^ {2}\S.*?\S {2,}(\S)/.exec(line)?.[0].length);
    };
    for (const title of ['Commands', 'Options']) {
      const starts = section(title);
      expect(starts.length).toBeGreaterThan(1);
      expect(new Set(starts).size, `${title} column starts ${starts.join(',')}`).toBe(1);
    }
    expect(mainHelp).toContain('  explain --as <username> <action> <type> <id>  explain one');
  });

  it('answers an unknown option in one line with exit 2, before or after the command', async () => {
    const cases = [
      [['--frobnicate'], "dbauthz: unknown option '--frobnicate' (see dbauthz --help)\n"],
      [
        ['roles', '--frobnicate'],
        "dbauthz: roles: unknown option '--frobnicate' (see dbauthz roles --help)\n",
      ],
      [['migrate', '-x'], "dbauthz: migrate: unknown option '-x' (see dbauthz migrate --help)\n"],
    ] as const;
    for (const [argv, line] of cases) {
      const io = captureIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr()).toBe(line);
      expect(io.stdout()).toBe('');
    }
  });

  it('answers an unknown command in one line with exit 2, and no command with the help on stderr', async () => {
    const unknown = captureIo();
    expect(await runCli(['frob'], unknown)).toBe(2);
    expect(unknown.stderr()).toBe(
      'dbauthz: unknown command "frob" (commands: demo, explain, roles, migrate; see dbauthz --help)\n',
    );
    const none = captureIo();
    expect(await runCli([], none)).toBe(2);
    expect(none.stderr()).toBe(`${mainHelp}\n`);
  });
});
