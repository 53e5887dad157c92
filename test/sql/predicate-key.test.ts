import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acl, and, eq, isIn, missing, not, or } from '../../src/rbac/predicate.ts';
import type { Predicate } from '../../src/rbac/types.ts';
import { predicateKey } from '../../src/sql/predicate-key.ts';
import { ids, predicateArbitrary, sharedTermsArbitrary } from './support/arbitraries.ts';

// predicateKey decides which terms factoring treats as the same and which predicates share a
// cached filter: two predicates may share a key only when they are the same tree, or a filter is
// silently widened (a conjunct dropped as a "repeat") or served for the wrong question.

const { alice: X, bob: Y } = ids;

/** The tree in a canonical spelling: `in` values and ACL keys as sorted sets, everything else as is. */
function canonical(p: Predicate): unknown {
  switch (p.op) {
    case 'in':
      return { ...p, values: [...new Set(p.values)].sort() };
    case 'acl':
      return { ...p, keys: [...new Set(p.keys)].sort() };
    case 'and':
    case 'or':
      return { op: p.op, items: p.items.map(canonical) };
    case 'not':
      return { op: 'not', item: canonical(p.item) };
    default:
      return p;
  }
}

const sameTree = (a: Predicate, b: Predicate) =>
  JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

describe('predicateKey: equal exactly for the same tree', () => {
  it('tells apart leaves that differ only in their field', () => {
    const keys = [eq('owner', X), eq('org', X), eq('id', X)].map(predicateKey);
    expect(new Set(keys).size).toBe(3);
    const sets = [isIn('owner', [X, Y]), isIn('org', [X, Y]), isIn('id', [X, Y])].map(predicateKey);
    expect(new Set(sets).size).toBe(3);
    expect(predicateKey(missing('owner'))).not.toBe(predicateKey(missing('org')));
  });

  it('tells apart leaves that differ only in their value, operator or ACL detail', () => {
    expect(predicateKey(eq('owner', X))).not.toBe(predicateKey(eq('owner', Y)));
    expect(predicateKey(eq('org', X))).not.toBe(predicateKey(isIn('org', [X, Y])));
    const base = acl('group', [X], true, 'read');
    const variants = [
      acl('user', [X], true, 'read'),
      acl('group', [Y], true, 'read'),
      acl('group', [X], false, 'read'),
      acl('group', [X], true, 'update'),
      acl('group', [X, Y], true, 'read'),
    ];
    for (const variant of variants) expect(predicateKey(variant)).not.toBe(predicateKey(base));
  });

  it('tells apart and/or/not over the same items, and items in another order', () => {
    const [a, b] = [eq('owner', X), eq('org', X)];
    const keys = [and(a, b), or(a, b), and(b, a), not(a), a].map(predicateKey);
    expect(new Set(keys).size).toBe(5);
  });

  it('treats IN values and ACL keys as sets (order and repeats do not matter)', () => {
    expect(predicateKey(isIn('org', [X, Y, X]))).toBe(predicateKey(isIn('org', [Y, X])));
    expect(predicateKey(acl('user', [Y, X, Y], false, 'read'))).toBe(
      predicateKey(acl('user', [X, Y], false, 'read')),
    );
  });

  it('gives two random predicates one key exactly when they are the same tree', () => {
    const pairs = fc.oneof(
      fc.tuple(sharedTermsArbitrary, sharedTermsArbitrary),
      fc.tuple(predicateArbitrary, predicateArbitrary),
      // The same tree rebuilt as a separate object (keys are memoized per node).
      sharedTermsArbitrary.map((p) => [p, structuredClone(p)] as [Predicate, Predicate]),
    );
    fc.assert(
      fc.property(pairs, ([a, b]) => {
        expect(predicateKey(a) === predicateKey(b)).toBe(sameTree(a, b));
      }),
      { numRuns: 5000 },
    );
  });
});
