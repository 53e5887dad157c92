import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `parseArgs` in strict mode with `--help`, turning its errors into a usage `CliError`. */
export function parseCommandArgs<O extends Options>(
  command: string,
  args: readonly string[],
  options: O,
) {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError('usage', `${command}: ${message} (see dbauthz ${command} --help)`);
  }
}
