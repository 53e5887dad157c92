import type { Predicate } from '../rbac/types.ts';

const keys = new WeakMap<Predicate, string>();

function build(p: Predicate): string {
  switch (p.op) {
    case 'true':
    case 'false':
      return p.op;
    case 'eq':
      return JSON.stringify(['eq', p.field, p.value]);
    case 'in':
      return JSON.stringify(['in', p.field, [...new Set(p.values)].sort()]);
    case 'missing':
      return JSON.stringify(['missing', p.field]);
    case 'acl':
      return JSON.stringify(['acl', p.acl, [...new Set(p.keys)].sort(), p.orgKey, p.action]);
    case 'and':
    case 'or':
      return `${p.op}(${p.items.map(predicateKey).join(',')})`;
    case 'not':
      return `not(${predicateKey(p.item)})`;
    default:
      return JSON.stringify(p); // an operator we do not know: equal only to an identical spelling
  }
}

/**
 * A string equal for two predicates exactly when they are the same tree (same operators, fields
 * and values in the same order; `in` values and ACL keys compared as sets). Memoized per node.
 */
export function predicateKey(p: Predicate): string {
  let key = keys.get(p);
  if (key === undefined) {
    key = build(p);
    keys.set(p, key);
  }
  return key;
}
