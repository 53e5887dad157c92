import type { Action, ResourceType } from '../rbac/catalogue.ts';
import { ForbiddenError } from '../rbac/errors.ts';
import type { Authorizer, Predicate, RbacObject, Subject } from '../rbac/types.ts';
import type { ColumnMap } from '../sql/column-map.ts';
import { factorPredicate } from '../sql/factor-predicate.ts';
import { cachedFilter } from '../sql/filter-cache.ts';
import type { FilterResult } from '../sql/filter-result.ts';
import type { CallOptions } from './call-options.ts';
import { decisionNotices } from './decision-hook.ts';
import { hideNotFound } from './hide-not-found.ts';
import type { StoreCore } from './store-core.ts';
import { type Target, targetObjects } from './target.ts';

/** What a method declaration may do during one call: check, filter, look rows up. */
export interface CallContext<S> {
  /** The bound actor of this call. */
  readonly actor: Subject;
  /**
   * The raw store (or transaction) underneath, with the caller's call options (signal, timeout)
   * applied to every method: lookups only, the declaration's own query runs last.
   */
  readonly raw: S;
  /** The store method being called, for error details. */
  readonly method: string;
  /** Throws `ForbiddenError` unless the actor may do `action` on the target (first allowed alternative wins). */
  authorize(action: Action, target: Target): void;
  /** Whether the actor may do `action` on `object` (recorded like any check, never throws a denial). */
  can(action: Action, object: RbacObject): boolean;
  /** The SQL filter rows of `type` must pass for `action`, compiled with the table's column map. */
  filter(action: Action, type: ResourceType, columns: ColumnMap): FilterResult;
  /**
   * The (factored) predicate `filter` compiles, to reason about filters before combining them, or
   * `undefined` when the authorizer does not compile subjects (a custom one: asking it would count
   * as a check). Optional, so a declaration must work without it.
   */
  predicate?(action: Action, type: ResourceType): Predicate | undefined;
  /** Awaits a lookup, turning "not found" into the same `ForbiddenError` a denial gives. */
  fetch<T>(lookup: Promise<T>, action: Action): Promise<T>;
}

/** Raw call options of the authorization layer: a pushed-in WHERE, and the caller's limits. */
type RawOptions = CallOptions & { readonly where?: unknown };
type RawMethod = (input: unknown, options?: RawOptions) => Promise<unknown>;

/** `raw` with `options` merged into the second argument of every method (`inTx`, `onPrimary` untouched). */
function withCallOptions<S>(raw: S, options: CallOptions): S {
  return new Proxy(raw as object, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || key === 'inTx' || key === 'onPrimary') return value;
      const method = value as RawMethod;
      return (input: unknown, own?: RawOptions) => method(input, { ...options, ...own });
    },
  }) as S;
}

/** The call context of one store call. */
export class StoreCall<S> implements CallContext<S> {
  readonly raw: S;
  readonly actor: Subject;
  readonly method: string;
  readonly #core: StoreCore<S>;

  constructor(core: StoreCore<S>, actor: Subject, method: string, options?: CallOptions) {
    this.#core = core;
    this.raw = options === undefined ? core.raw : withCallOptions(core.raw, options);
    this.actor = actor;
    this.method = method;
  }

  /** The raw method `name` as the declaration calls it (with the caller's call options). */
  rawMethod(name: string): RawMethod {
    const method = (this.raw as Record<string, RawMethod>)[name];
    if (method === undefined) throw new TypeError(`no raw method ${name}`);
    return method;
  }

  can(action: Action, object: RbacObject): boolean {
    const allowed = this.#core.authorizer.authorize(this.actor, action, object);
    this.#core.onDecision?.({
      actor: this.actor,
      action,
      object,
      allowed,
      ...decisionNotices(this.actor),
    });
    return allowed;
  }

  authorize(action: Action, target: Target): void {
    const objects = targetObjects(target);
    for (const object of objects) if (this.can(action, object)) return;
    const object = objects.length === 1 ? objects[0] : objects;
    throw new ForbiddenError({ actor: this.actor.id, action, object, reason: 'forbidden' });
  }

  filter(action: Action, type: ResourceType, columns: ColumnMap): FilterResult {
    const result = cachedFilter(this.#core.authorizer, this.actor, action, type, columns);
    this.#core.onDecision?.({
      actor: this.actor,
      action,
      object: { type },
      allowed: result.kind !== 'none',
      filter: result.kind,
      ...decisionNotices(this.actor),
    });
    return result;
  }

  predicate(action: Action, type: ResourceType): Predicate | undefined {
    const authorizer = this.#core.authorizer as Authorizer & { compile?: unknown };
    if (typeof authorizer.compile !== 'function') return undefined;
    return factorPredicate(authorizer.prepare(this.actor, action, type));
  }

  async fetch<T>(lookup: Promise<T>, action: Action): Promise<T> {
    try {
      return await lookup;
    } catch (error) {
      throw hideNotFound(error, this.actor.id, action);
    }
  }
}
