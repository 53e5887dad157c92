import { type SpawnOptions, spawn } from 'node:child_process';

/** Runs a program to completion, resolving with its combined output or rejecting with it on failure. */
export function runProgram(
  program: string,
  args: readonly string[],
  options: SpawnOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('error', (error) => reject(new Error(`${program}: ${error.message}`)));
    child.once('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${program} failed (${signal ?? `exit ${code}`}):\n${output.trim()}`));
    });
  });
}
