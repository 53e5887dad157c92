import type { Predicate, RbacObject } from '../../../src/rbac/types.ts';

// A tiny reference evaluator written from the Predicate doc comments, used until src/rbac exports
// its own `evaluatePredicate`; the SQL compiler must agree with it on every row.

function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/** Evaluates a predicate on one object with two-valued semantics (absent fields match nothing). */
export function evaluatePredicate(predicate: Predicate, object: RbacObject): boolean {
  switch (predicate.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'eq': {
      const value = object[predicate.field];
      return present(value) && value === predicate.value;
    }
    case 'in': {
      const value = object[predicate.field];
      return present(value) && predicate.values.includes(value);
    }
    case 'missing':
      return !present(object[predicate.field]);
    case 'acl': {
      const map = predicate.acl === 'user' ? object.aclUsers : object.aclGroups;
      const keys = [...predicate.keys];
      if (predicate.orgKey && present(object.org)) keys.push(object.org);
      return keys.some((key) => {
        const actions = map && Object.hasOwn(map, key) ? map[key] : undefined;
        return actions?.some((a) => a === predicate.action || a === '*') ?? false;
      });
    }
    case 'and':
      return predicate.items.every((item) => evaluatePredicate(item, object));
    case 'or':
      return predicate.items.some((item) => evaluatePredicate(item, object));
    case 'not':
      return !evaluatePredicate(predicate.item, object);
  }
}
