import { and, not, or } from '../rbac/predicate.ts';
import type { Predicate } from '../rbac/types.ts';
import { predicateKey } from './predicate-key.ts';

/** The conjuncts of a node: the items of an `and`, else the node itself. */
function conjuncts(p: Predicate): readonly Predicate[] {
  return p.op === 'and' ? p.items : [p];
}

/** Drops items that repeat an earlier one (`A and A` is `A`, `A or A` is `A`). */
function unique(items: readonly Predicate[]): Predicate[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = predicateKey(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The conjunct shared by the most items (first seen on a tie), if at least two share one. */
function mostShared(items: readonly Predicate[]): Predicate | undefined {
  const counts = new Map<string, { term: Predicate; count: number }>();
  for (const item of items) {
    for (const term of unique(conjuncts(item))) {
      const entry = counts.get(predicateKey(term));
      if (entry) entry.count += 1;
      else counts.set(predicateKey(term), { term, count: 1 });
    }
  }
  let best: { term: Predicate; count: number } | undefined;
  for (const entry of counts.values()) if (entry.count > (best?.count ?? 1)) best = entry;
  return best?.term;
}

/**
 * `(A and B) or (A and C) or D` -> `(A and (B or C)) or D`, repeatedly, on the conjunct most items
 * share; `A or (A and B)` becomes `A`. Distributivity and absorption hold in two-valued logic.
 */
function factorOr(items: readonly Predicate[]): Predicate {
  const joined = or(...unique(items));
  if (joined.op !== 'or') return joined;
  const shared = mostShared(joined.items);
  if (shared === undefined) return joined;
  const key = predicateKey(shared);
  const has = (item: Predicate) => conjuncts(item).some((term) => predicateKey(term) === key);
  const rests = joined.items
    .filter(has)
    .map((item) => and(...conjuncts(item).filter((term) => predicateKey(term) !== key)));
  const factored = and(shared, factorOr(rests));
  const first = joined.items.findIndex(has);
  const out: Predicate[] = [];
  joined.items.forEach((item, i) => {
    if (i === first) out.push(factored);
    else if (!has(item)) out.push(item);
  });
  return factorOr(out); // the tree has fewer leaves than before: this terminates
}

/**
 * The same predicate with common terms of `or` branches pulled out and repeats dropped, so the
 * compiled SQL states each condition (e.g. `org = $1`) once and PostgreSQL can drive one index scan
 * from it, even under a generic plan. Constants fold as in the `and`/`or`/`not` helpers.
 * @example factorPredicate(or(and(eq('owner', me), eq('org', o)), and(eq('org', o), acl)))
 * // and(eq('org', o), or(eq('owner', me), acl))
 */
export function factorPredicate(p: Predicate): Predicate {
  switch (p.op) {
    case 'and': {
      const joined = and(...p.items.map(factorPredicate));
      return joined.op === 'and' ? and(...unique(joined.items)) : joined;
    }
    case 'or':
      return factorOr(p.items.map(factorPredicate));
    case 'not':
      return not(factorPredicate(p.item));
    default:
      return p;
  }
}
