import type { Predicate } from '../rbac/types.ts';
import { predicateKey } from './predicate-key.ts';

/**
 * Whether every row `a` admits is admitted by `b`, judged on the trees alone: `true` is proven,
 * `false` only means "not shown" (a caller dropping `a` where `b` already holds may then keep it,
 * never drop what it needs). Rules: equal trees; `b` is `true` or `a` is `false`; `a` an `or` whose
 * every item implies `b`; `b` an `and` each of whose items `a` implies; `a` an `and` one of whose
 * items implies `b`; `b` an `or` one of whose items `a` implies.
 */
export function predicateImplies(a: Predicate, b: Predicate): boolean {
  if (predicateKey(a) === predicateKey(b)) return true;
  if (b.op === 'true' || a.op === 'false') return true;
  if (a.op === 'or')
    return a.items.length > 0 && a.items.every((item) => predicateImplies(item, b));
  if (b.op === 'and' && b.items.length > 0 && b.items.every((item) => predicateImplies(a, item))) {
    return true;
  }
  if (a.op === 'and' && a.items.some((item) => predicateImplies(item, b))) return true;
  if (b.op === 'or' && b.items.some((item) => predicateImplies(a, item))) return true;
  return false;
}
