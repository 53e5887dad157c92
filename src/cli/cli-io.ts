/** Where a command writes and what environment it reads; tests pass their own. */
export interface CliIo {
  /** Writes one line (or block) of normal output. */
  readonly out: (text: string) => void;
  /** Writes one line of progress or error output. */
  readonly err: (text: string) => void;
  /** The environment (`DATABASE_URL`). */
  readonly env: NodeJS.ProcessEnv;
}

/** The process's own stdout, stderr and environment. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};
