import type { Action, ResourceType } from '../rbac/catalogue.ts';
import { ForbiddenError } from '../rbac/errors.ts';
import type { RbacObject, Subject } from '../rbac/types.ts';
import type { ColumnMap } from '../sql/column-map.ts';
import { cachedFilter } from '../sql/filter-cache.ts';
import type { FilterResult } from '../sql/filter-result.ts';
import { hideNotFound } from './hide-not-found.ts';
import type { StoreCore } from './store-core.ts';
import { type Target, targetObjects } from './target.ts';

/** What a method declaration may do during one call: check, filter, look rows up. */
export interface CallContext<S> {
  /** The bound actor of this call. */
  readonly actor: Subject;
  /** The raw store (or transaction) underneath: lookups only, the declaration's own query runs last. */
  readonly raw: S;
  /** The store method being called, for error details. */
  readonly method: string;
  /** Throws `ForbiddenError` unless the actor may do `action` on the target (first allowed alternative wins). */
  authorize(action: Action, target: Target): void;
  /** Whether the actor may do `action` on `object` (recorded like any check, never throws a denial). */
  can(action: Action, object: RbacObject): boolean;
  /** The SQL filter rows of `type` must pass for `action`, compiled with the table's column map. */
  filter(action: Action, type: ResourceType, columns: ColumnMap): FilterResult;
  /** Awaits a lookup, turning "not found" into the same `ForbiddenError` a denial gives. */
  fetch<T>(lookup: Promise<T>, action: Action): Promise<T>;
}

/** The call context of one store call. */
export class StoreCall<S> implements CallContext<S> {
  readonly raw: S;
  readonly actor: Subject;
  readonly method: string;
  readonly #core: StoreCore<S>;

  constructor(core: StoreCore<S>, actor: Subject, method: string) {
    this.#core = core;
    this.raw = core.raw;
    this.actor = actor;
    this.method = method;
  }

  can(action: Action, object: RbacObject): boolean {
    const allowed = this.#core.authorizer.authorize(this.actor, action, object);
    this.#core.onDecision?.({ actor: this.actor, action, object, allowed });
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
    });
    return result;
  }

  async fetch<T>(lookup: Promise<T>, action: Action): Promise<T> {
    try {
      return await lookup;
    } catch (error) {
      throw hideNotFound(error, this.actor.id, action);
    }
  }
}
