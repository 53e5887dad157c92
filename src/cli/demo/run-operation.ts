import type { AuthorizedStore } from '../../dbauthz/authorized-store.ts';
import { hasErrorCode } from '../../rbac/index.ts';

/** The outcome of one operation: allowed (with rows seen), denied, not yet declared, or failed. */
export type Outcome =
  | { readonly kind: 'allowed'; readonly count?: number }
  | { readonly kind: 'denied' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'error'; readonly message: string };

class Rollback extends Error {}

/**
 * Runs `op` in a transaction of `store` (keeping its actor) and always rolls it back, so the
 * matrix has no side effects; a `ForbiddenError` is a denial.
 */
export async function runOperation(
  store: AuthorizedStore,
  op: (tx: AuthorizedStore) => Promise<unknown>,
): Promise<Outcome> {
  let outcome: Outcome | undefined;
  try {
    await store.inTx(async (tx) => {
      const value = await op(tx);
      outcome = typeof value === 'number' ? { kind: 'allowed', count: value } : { kind: 'allowed' };
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback && outcome !== undefined) return outcome;
    return failureOutcome(error);
  }
  return { kind: 'error', message: 'the transaction did not roll back' };
}

/** Runs `op` for real (no rollback) and reports its outcome like `runOperation`. */
export async function attempt(op: () => Promise<unknown>): Promise<Outcome> {
  try {
    const value = await op();
    return typeof value === 'number' ? { kind: 'allowed', count: value } : { kind: 'allowed' };
  } catch (error) {
    return failureOutcome(error);
  }
}

/** A thrown error as an outcome: a `ForbiddenError` is a denial (or a method not declared yet). */
export function failureOutcome(error: unknown): Outcome {
  if (hasErrorCode(error, 'forbidden')) {
    const reason = (error as { detail?: { reason?: string } }).detail?.reason ?? '';
    return reason.startsWith('no authorization declared')
      ? { kind: 'pending' }
      : { kind: 'denied' };
  }
  const code = (error as { code?: unknown }).code;
  return { kind: 'error', message: typeof code === 'string' ? code : String(error) };
}

/** A matrix cell: the count, `yes`, `no`, `n/a` (method not declared yet) or `error`. */
export function outcomeCell(outcome: Outcome): string {
  switch (outcome.kind) {
    case 'allowed':
      return outcome.count === undefined ? 'yes' : String(outcome.count);
    case 'denied':
      return 'no';
    case 'pending':
      return 'n/a';
    case 'error':
      return `error (${outcome.message})`;
  }
}
