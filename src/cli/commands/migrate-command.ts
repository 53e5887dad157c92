import { migrate } from '../../../db/migrate.ts';
import { CliError, describeError } from '../cli-error.ts';
import type { CliIo } from '../cli-io.ts';
import { requireDatabaseUrl } from '../database-url.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

/** Help text of `dbauthz migrate`. */
export const migrateHelp = `Usage: DATABASE_URL=postgres://... dbauthz migrate

Applies the library's pending migrations to the database at DATABASE_URL and lists what it
applied. Its tables go in the public schema; its journal is dbauthz.__dbauthz_migrations, so an
application's own drizzle migrations (drizzle.__drizzle_migrations) are left alone.

Options:
  -h, --help   show this help`;

/** `dbauthz migrate`: applies the migrations to `DATABASE_URL`. */
export async function migrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('migrate', args, {});
  if (values.help) {
    io.out(migrateHelp);
    return 0;
  }
  if (positionals.length > 0) {
    throw new CliError(
      'usage',
      `migrate: unexpected argument ${positionals[0]} (see dbauthz migrate --help)`,
    );
  }
  const url = requireDatabaseUrl('migrate', io);
  let applied: readonly string[];
  try {
    ({ applied } = await migrate(url));
  } catch (error) {
    const reason = describeError(error);
    throw new CliError('no_database', `migrate: could not migrate ${redact(url)}: ${reason}`, {
      cause: error,
    });
  }
  if (applied.length === 0) {
    io.out(`migrate: ${redact(url)} was already up to date`);
  } else {
    io.out(`migrate: applied ${applied.length} to ${redact(url)}: ${applied.join(', ')}`);
  }
  return 0;
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable url)';
  }
}
