import { CliError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { rolesTable } from '../roles-table.ts';

/** Help text of `dbauthz roles`. */
export const rolesHelp = `Usage: dbauthz roles [--markdown]

Prints every built-in role (site and organization roles) as a table per role: resource types
against the levels where the role grants them (site, user, org, member) and the actions granted.
Generated from the resource catalogue and the role definitions; docs/roles.md is this output.

Options:
  --markdown   print GitHub markdown instead of aligned text
  -h, --help   show this help`;

/** `dbauthz roles [--markdown]`: the built-in roles table; needs no database. */
export async function rolesCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('roles', args, {
    markdown: { type: 'boolean' },
  });
  if (values.help) {
    io.out(rolesHelp);
    return 0;
  }
  if (positionals.length > 0) {
    throw new CliError(
      'usage',
      `roles: unexpected argument ${positionals[0]} (see dbauthz roles --help)`,
    );
  }
  io.out(rolesTable(values.markdown ? 'markdown' : 'text'));
  return 0;
}
