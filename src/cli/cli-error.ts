/** Why a CLI command failed: bad usage (exit 2) or a problem with what it was asked about (exit 1). */
export type CliErrorKind = 'usage' | 'unknown_user' | 'unknown_object' | 'no_database';

/** A failure the CLI reports as one clear line (no stack trace), with its exit code. */
export class CliError extends Error {
  readonly kind: CliErrorKind;
  /** The process exit code for this failure. */
  readonly exitCode: number;
  constructor(kind: CliErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CliError';
    this.kind = kind;
    this.exitCode = kind === 'usage' ? 2 : 1;
  }
}

/**
 * `error`'s message in one line, followed by its innermost cause's when that is not already part of
 * it (a driver's "Failed query: ..." wraps PostgreSQL's reason in `cause`).
 */
export function describeError(error: unknown): string {
  const oneLine = (e: unknown) =>
    (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim();
  let root = error;
  for (let depth = 0; depth < 10; depth++) {
    const cause = (root as { cause?: unknown } | null | undefined)?.cause;
    if (cause == null) break;
    root = cause;
  }
  const message = oneLine(error);
  const reason = oneLine(root);
  return root === error || reason === '' || message.includes(reason)
    ? message
    : `${message}: ${reason}`;
}
