import type { RawStore } from '../../../db/queries/index.ts';
import type { CallOptions } from '../../../src/dbauthz/call-options.ts';
import type { RawMethodName } from '../../../src/dbauthz/wrappers/declaration.ts';
import type { ErrorCode } from '../../../src/rbac/errors.ts';
import type { ExpectedCheck } from './recording-authorizer.ts';

/**
 * One audited call: the input, the exact ordered checks it must make, what the raw store answers,
 * and (optionally) what the store returns and which raw methods run, in order.
 */
export interface SpecRow {
  readonly method: RawMethodName<RawStore>;
  readonly input: unknown;
  readonly options?: CallOptions;
  readonly checks: readonly ExpectedCheck[];
  /** Canned answers per raw method (an Error rejects). */
  readonly rawAnswers?: Readonly<Record<string, unknown>>;
  readonly returns?: unknown;
  readonly rawCalls?: readonly string[];
  /** Expected rejection code instead of a return (e.g. a fallback that is denied too). */
  readonly rejects?: ErrorCode;
}
