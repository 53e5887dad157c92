import type { CliIo } from '../../../src/cli/cli-io.ts';

/** A `CliIo` that records what a command writes, with the given environment. */
export function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & {
  stdout(): string;
  stderr(): string;
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (text) => out.push(`${text}\n`),
    err: (text) => err.push(`${text}\n`),
    env,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}
