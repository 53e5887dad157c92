import { expect } from 'vitest';
import { hasErrorCode } from '../../src/rbac/errors.ts';

interface ForbiddenMatchers<R = unknown> {
  /**
   * The value (use with `.rejects`) is a dbauthz `ForbiddenError`, and, when `reason` is given, its
   * `detail.reason` is that reason. A denial and a missing row both answer `forbidden`.
   * @example await expect(store.as(bob).getWorkspaceById({ id })).rejects.toBeForbidden();
   */
  toBeForbidden(reason?: string): R;
}

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: an augmentation repeats vitest's own declaration
  interface Matchers<T = any> extends ForbiddenMatchers<T> {}
}

expect.extend({
  toBeForbidden(received: unknown, reason?: string) {
    const forbidden = hasErrorCode(received, 'forbidden');
    const actual = forbidden ? (received as { detail?: { reason?: string } }).detail?.reason : '';
    const pass = forbidden && (reason === undefined || actual === reason);
    const wanted = reason === undefined ? 'a ForbiddenError' : `a ForbiddenError (${reason})`;
    const got = forbidden ? `a ForbiddenError (${String(actual)})` : this.utils.stringify(received);
    return {
      pass,
      message: () => (pass ? `expected no ${wanted}, got one` : `expected ${wanted}, got ${got}`),
    };
  },
});
