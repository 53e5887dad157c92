import { AsyncLocalStorage } from 'node:async_hooks';
import type { Subject } from '../rbac/types.ts';

const scope = new AsyncLocalStorage<Subject>();

/**
 * Runs `fn` with `subject` as the actor of every store call made inside it (awaits included),
 * so request middleware binds the actor once. A store bound with `store.as()` ignores the scope.
 * @example app.use((req, _res, next) => runAs(req.subject, next));
 */
export function runAs<T>(subject: Subject, fn: () => T): T {
  return scope.run(subject, fn);
}

/** The actor of the innermost `runAs` scope, if any. */
export function scopedActor(): Subject | undefined {
  return scope.getStore();
}
