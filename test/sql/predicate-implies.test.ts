import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePredicate } from '../../src/rbac/predicate.ts';
import type { AclMap, Predicate, RbacObject } from '../../src/rbac/types.ts';
import { predicateImplies } from '../../src/sql/predicate-implies.ts';
import { ids, predicateArbitrary, rowsArbitrary, type ThingRow } from './support/arbitraries.ts';

const eq = (field: 'owner' | 'org', value: string): Predicate => ({ op: 'eq', field, value });
const and = (...items: Predicate[]): Predicate => ({ op: 'and', items });
const or = (...items: Predicate[]): Predicate => ({ op: 'or', items });
const acl = (key: string): Predicate => ({
  op: 'acl',
  acl: 'user',
  keys: [key],
  orgKey: false,
  action: 'update',
});

const object = (row: ThingRow): RbacObject => ({
  type: 'workspace',
  id: row.id,
  ...(row.ownerId !== null && { owner: row.ownerId }),
  ...(row.orgId !== null && { org: row.orgId }),
  aclUsers: row.userAcl as AclMap,
  ...(row.groupAcl !== null && { aclGroups: row.groupAcl as AclMap }),
});

/** `a` itself, or a predicate that admits fewer rows than `b` by construction, or a random one. */
const pairArbitrary = fc
  .tuple(predicateArbitrary, predicateArbitrary, fc.integer({ min: 0, max: 3 }))
  .map(([b, x, how]): [Predicate, Predicate] => {
    if (how === 0) return [and(b, x), b];
    if (how === 1) return [x, or(x, b)];
    if (how === 2 && b.op === 'or' && b.items.length > 0) return [or(...b.items.slice(1)), b];
    return [x, b];
  });

describe('predicateImplies: a proof that one filter admits no row the other does not', () => {
  it('proves the member case: the prebuilt form (org and ACL) implies the workspace form', () => {
    const workspace = and(eq('org', ids.orgA), or(eq('owner', ids.alice), acl(ids.alice)));
    const prebuilt = and(eq('org', ids.orgA), acl(ids.alice));
    expect(predicateImplies(prebuilt, workspace)).toBe(true);
    expect(predicateImplies(workspace, prebuilt)).toBe(false);
  });

  it('shows nothing it cannot prove: another org, another key, a negation', () => {
    const workspace = and(eq('org', ids.orgA), or(eq('owner', ids.alice), acl(ids.alice)));
    expect(predicateImplies(and(eq('org', ids.orgB), acl(ids.alice)), workspace)).toBe(false);
    expect(predicateImplies(and(eq('org', ids.orgA), acl(ids.bob)), workspace)).toBe(false);
    expect(predicateImplies({ op: 'not', item: workspace }, workspace)).toBe(false);
    expect(predicateImplies({ op: 'true' }, workspace)).toBe(false);
  });

  it('is sound: whenever it says so, every row the first admits the second admits too', () => {
    let proven = 0;
    fc.assert(
      fc.property(pairArbitrary, rowsArbitrary, ([a, b], rows) => {
        if (!predicateImplies(a, b)) return;
        proven++;
        for (const row of rows) {
          if (evaluatePredicate(a, object(row)))
            expect(evaluatePredicate(b, object(row))).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(proven).toBeGreaterThan(500); // the property is not vacuous
  });
});
