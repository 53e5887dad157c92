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
