import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { rolesTable } from '../../src/cli/roles-table.ts';
import { captureIo } from './support/capture-io.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('dbauthz roles', () => {
  it('prints the markdown table that docs/roles.md holds (regenerate: npx dbauthz roles --markdown > docs/roles.md)', async () => {
    const io = captureIo();
    expect(await runCli(['roles', '--markdown'], io)).toBe(0);
    expect(io.stdout()).toBe(read('docs/roles.md'));
  });

  it('matches the roles section of the top-level README when it has one', () => {
    const readme = read('README.md');
    const found = /<!-- roles:start -->\n([\s\S]*?)\n<!-- roles:end -->/.exec(readme);
    // The README embeds the table between these markers once integrated; until then only docs/roles.md is checked.
    if (found === null) return;
    expect(found[1]?.trim()).toBe(rolesTable('markdown').trim());
  });

  it('is stable: two renderings are identical', () => {
    expect(rolesTable('markdown')).toBe(rolesTable('markdown'));
  });

  it('lists every built-in role with its levels, denials marked with a minus', () => {
    const text = rolesTable('markdown');
    for (const name of ['owner', 'member', 'auditor', 'template-admin', 'user-admin']) {
      expect(text).toContain(`### \`${name}\` (site role)`);
    }
    expect(text).toContain('### `organization-workspace-creation-ban` (organization role)');
    const ban = text.split('### `organization-workspace-creation-ban`')[1]?.split('###')[0] ?? '';
    expect(ban).toContain('| `workspace` | -create, -create_agent, -delete, -delete_agent |');
    const auditor = text.split('### `auditor`')[1]?.split('###')[0] ?? '';
    expect(auditor).toMatch(/\| `audit_log` \| read \|/);
  });

  it('prints aligned text by default and rejects stray arguments with exit code 2', async () => {
    const io = captureIo();
    expect(await runCli(['roles'], io)).toBe(0);
    expect(io.stdout()).toContain('== owner (site role) ==');
    const bad = captureIo();
    expect(await runCli(['roles', 'extra'], bad)).toBe(2);
    expect(bad.stderr()).toBe(
      'dbauthz: roles: unexpected argument extra (see dbauthz roles --help)\n',
    );
  });
});
