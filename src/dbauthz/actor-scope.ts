import { AsyncLocalStorage } from 'node:async_hooks';
import { vetSubject } from '../rbac/subject.ts';
import type { Subject } from '../rbac/types.ts';

/** One `runAs` scope: its actor, until the scope's function settles. */
interface ActorScope {
  readonly subject: Subject;
  open: boolean;
}

const scope = new AsyncLocalStorage<ActorScope>();

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * Runs `fn` with `subject` as the actor of every store call made inside it (awaits included),
 * so request middleware binds the actor once. A store bound with `store.as()` ignores the scope.
 * The scope closes when `fn` returns or its promise settles. A callback `fn` chains onto the
 * promise it returns (`p.then(cb)` before `return p`) is registered before that close, so it runs
 * just before the scope closes and still sees the actor (up to its first `await`). Anything
 * scheduled to run later (a timer, an event handler) finds no actor (`no_actor`), never the old
 * one. The subject is used as `createSubject` built it, or as a frozen copy taken now.
 * @example app.use((req, res, next) => runAs(req.subject, () => handle(req, res)));
 */
export function runAs<T>(subject: Subject, fn: () => T): T {
  const current: ActorScope = { subject: vetSubject(subject), open: true };
  const close = () => {
    current.open = false;
  };
  let result: T;
  try {
    result = scope.run(current, fn);
  } catch (error) {
    close();
    throw error;
  }
  if (isThenable(result)) {
    result.then(close, close);
  } else {
    close();
  }
  return result;
}

/** The actor of the innermost open `runAs` scope, if any. */
export function scopedActor(): Subject | undefined {
  const current = scope.getStore();
  return current?.open === true ? current.subject : undefined;
}
