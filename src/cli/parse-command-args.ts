import { parseArgs } from 'node:util';
import { CliError } from './cli-error.ts';

/** One option a command accepts: a boolean flag or a string value, with an optional one-letter alias. */
export interface CommandOption {
  readonly type: 'boolean' | 'string';
  readonly short?: string;
}

/** The parsed values of `O` (plus `help`), typed by each option's kind. */
export type CommandValues<O extends Record<string, CommandOption>> = {
  readonly [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean;
} & { readonly help?: boolean };

/** What {@link parseCommandArgs} returns: the option values and the positional arguments. */
export interface ParsedCommandArgs<O extends Record<string, CommandOption>> {
  readonly values: CommandValues<O>;
  readonly positionals: readonly string[];
}

/**
 * `parseArgs` in strict mode with `--help`, turning its errors (an unknown flag, a missing value)
 * into one usage line with exit code 2. `command` is `''` for the options of `dbauthz` itself.
 */
export function parseCommandArgs<O extends Record<string, CommandOption>>(
  command: string,
  args: readonly string[],
  options: O,
): ParsedCommandArgs<O> {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as CommandValues<O>, positionals };
  } catch (error) {
    const help = command === '' ? 'dbauthz --help' : `dbauthz ${command} --help`;
    const prefix = command === '' ? '' : `${command}: `;
    throw new CliError('usage', `${prefix}${usageMessage(error)} (see ${help})`);
  }
}

/** Node's message cut to its first sentence (the rest is advice about `--` that does not apply). */
function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = (message.split('. ')[0] ?? message).replace(/\.$/, '');
  return first.charAt(0).toLowerCase() + first.slice(1);
}
