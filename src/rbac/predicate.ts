import { listsAction, ownEntry } from './acl.ts';
import type { Action } from './catalogue.ts';
import type { Predicate, PredicateField, RbacObject } from './types.ts';

/** The predicate every object satisfies. */
export const TRUE: Predicate = Object.freeze({ op: 'true' });
/** The predicate no object satisfies. */
export const FALSE: Predicate = Object.freeze({ op: 'false' });

/** `field = value`. */
export function eq(field: PredicateField, value: string): Predicate {
  return Object.freeze({ op: 'eq', field, value });
}

/** `field IN values`, deduplicated and sorted; no values folds to `false`, one to `eq`. */
export function isIn(field: PredicateField, values: Iterable<string>): Predicate {
  const unique = [...new Set(values)].sort();
  if (unique.length === 0) return FALSE;
  if (unique.length === 1) return eq(field, unique[0]!);
  return Object.freeze({ op: 'in', field, values: Object.freeze(unique) });
}

/** `field IN values` for values already sorted and unique (the compiled subject keeps orgs so). */
export function inSorted(field: PredicateField, values: readonly string[]): Predicate {
  if (values.length === 0) return FALSE;
  if (values.length === 1) return eq(field, values[0]!);
  return Object.freeze({ op: 'in', field, values: Object.freeze(values) });
}

/** The field is absent (undefined, null or ''). */
export function missing(field: PredicateField): Predicate {
  return Object.freeze({ op: 'missing', field });
}

/** An ACL grant (see the `acl` node of `Predicate`); no keys and no org key folds to `false`. */
export function acl(
  kind: 'user' | 'group',
  keys: readonly string[],
  orgKey: boolean,
  action: Action,
): Predicate {
  if (keys.length === 0 && !orgKey) return FALSE;
  return Object.freeze({ op: 'acl', acl: kind, keys: Object.freeze([...keys]), orgKey, action });
}

/** Conjunction with constant folding: any `false` -> `false`, `true`s dropped, nesting flattened. */
export function and(...items: Predicate[]): Predicate {
  const out: Predicate[] = [];
  for (const item of items) {
    if (item.op === 'false') return FALSE;
    if (item.op === 'true') continue;
    if (item.op === 'and') out.push(...item.items);
    else out.push(item);
  }
  if (out.length === 0) return TRUE;
  if (out.length === 1) return out[0]!;
  return Object.freeze({ op: 'and', items: Object.freeze(out) });
}

/** Disjunction with constant folding: any `true` -> `true`, `false`s dropped, nesting flattened. */
export function or(...items: Predicate[]): Predicate {
  const out: Predicate[] = [];
  for (const item of items) {
    if (item.op === 'true') return TRUE;
    if (item.op === 'false') continue;
    if (item.op === 'or') out.push(...item.items);
    else out.push(item);
  }
  if (out.length === 0) return FALSE;
  if (out.length === 1) return out[0]!;
  return Object.freeze({ op: 'or', items: Object.freeze(out) });
}

/** Negation with constant folding and double negation removed. */
export function not(item: Predicate): Predicate {
  if (item.op === 'true') return FALSE;
  if (item.op === 'false') return TRUE;
  if (item.op === 'not') return item.item;
  return Object.freeze({ op: 'not', item });
}

function fieldOf(object: RbacObject, field: PredicateField): string | undefined {
  const value = object[field];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Evaluates a predicate on one object, two-valued: a missing field equals nothing and is in
 * nothing. This is the in-memory twin of the SQL that `src/sql` compiles from the same tree.
 * @example evaluatePredicate(eq('owner', 'u1'), { type: 'workspace', owner: 'u1' }) // true
 */
export function evaluatePredicate(predicate: Predicate, object: RbacObject): boolean {
  switch (predicate.op) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'eq':
      return fieldOf(object, predicate.field) === predicate.value;
    case 'in': {
      const value = fieldOf(object, predicate.field);
      return value !== undefined && predicate.values.includes(value);
    }
    case 'missing':
      return fieldOf(object, predicate.field) === undefined;
    case 'acl': {
      const map = predicate.acl === 'user' ? object.aclUsers : object.aclGroups;
      for (const key of predicate.keys)
        if (listsAction(ownEntry(map, key), predicate.action)) return true;
      const org = fieldOf(object, 'org');
      return (
        predicate.orgKey && org !== undefined && listsAction(ownEntry(map, org), predicate.action)
      );
    }
    case 'and':
      return predicate.items.every((item) => evaluatePredicate(item, object));
    case 'or':
      return predicate.items.some((item) => evaluatePredicate(item, object));
    case 'not':
      return !evaluatePredicate(predicate.item, object);
  }
}
