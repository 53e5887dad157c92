import { CliError } from './cli-error.ts';
import type { CliIo } from './cli-io.ts';

/** The `DATABASE_URL` a command needs, or a `no_database` error saying how to set one. */
export function requireDatabaseUrl(command: string, io: CliIo): string {
  const url = io.env.DATABASE_URL;
  if (url === undefined || url.trim() === '') {
    throw new CliError(
      'no_database',
      `${command}: DATABASE_URL is not set (e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/app; ` +
        '`npx dbauthz demo --keep` prints the URL of a throwaway database to try it on)',
    );
  }
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new CliError(
      'no_database',
      `${command}: DATABASE_URL must start with postgres:// or postgresql://`,
    );
  }
  return url;
}
