import fc from 'fast-check';
import type { Predicate, PredicateField } from '../../../src/rbac/types.ts';

/** Fixed ids the generators draw from, so predicates and rows actually meet. */
export const ids = {
  alice: '0a4e7a1c-0000-4000-8000-000000000001',
  bob: '0a4e7a1c-0000-4000-8000-000000000002',
  carol: '0a4e7a1c-0000-4000-8000-000000000003',
  orgA: '0a4e7a1c-0000-4000-8000-0000000000aa',
  orgB: '0a4e7a1c-0000-4000-8000-0000000000ab',
  group: '0a4e7a1c-0000-4000-8000-0000000000bb',
} as const;

/** A test row of the `things` table. */
export interface ThingRow {
  id: string;
  ownerId: string | null;
  orgId: string | null;
  ownerName: string | null;
  userAcl: Record<string, string[]>;
  groupAcl: Record<string, string[]> | null;
}

const people = [ids.alice, ids.bob, ids.carol];
const keys = [...people, ids.orgA, ids.orgB, ids.group];
const oddValues = ['', "x'); drop table users; --", ids.alice.toUpperCase(), 'alice'];
const values = fc.constantFrom(...keys, ...oddValues);
const actions = fc.constantFrom('read', 'update', '*');
const aclMap = fc.dictionary(fc.constantFrom(...keys), fc.uniqueArray(actions, { maxLength: 2 }), {
  maxKeys: 3,
  noNullPrototype: true,
});

/** Rows with NULL and empty fields, other users, wildcard ACLs and Everyone (org id) keys. */
export const rowsArbitrary = fc
  .array(
    fc.record({
      ownerId: fc.option(fc.constantFrom(...people), { nil: null }),
      orgId: fc.option(fc.constantFrom(ids.orgA, ids.orgB), { nil: null }),
      ownerName: fc.option(fc.constantFrom('', ids.alice, ids.bob, 'alice'), { nil: null }),
      userAcl: aclMap,
      groupAcl: fc.option(aclMap, { nil: null }),
    }),
    { maxLength: 12 },
  )
  .map((rows): ThingRow[] =>
    rows.map((row, index) => ({
      ...row,
      id: `0a4e7a1c-0000-4000-8000-${String(index + 1).padStart(12, '0')}`,
    })),
  );

const field = fc.constantFrom<PredicateField>('id', 'owner', 'org');
const leaf: fc.Arbitrary<Predicate> = fc.oneof(
  fc.constantFrom<Predicate>({ op: 'true' }, { op: 'false' }),
  fc.record({ op: fc.constant('eq' as const), field, value: values }),
  fc.record({ op: fc.constant('in' as const), field, values: fc.array(values, { maxLength: 4 }) }),
  fc.record({ op: fc.constant('missing' as const), field }),
  fc.record({
    op: fc.constant('acl' as const),
    acl: fc.constantFrom('user' as const, 'group' as const),
    keys: fc.array(fc.constantFrom(...keys, ''), { maxLength: 3 }),
    orgKey: fc.boolean(),
    action: fc.constantFrom('read' as const, 'update' as const),
  }),
);

/** Random predicate trees up to a few levels deep, with `not` over every kind of node. */
export const predicateArbitrary: fc.Arbitrary<Predicate> = fc.letrec<{ node: Predicate }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        op: fc.constant('and' as const),
        items: fc.array(tie('node'), { maxLength: 3 }),
      }),
      fc.record({ op: fc.constant('or' as const), items: fc.array(tie('node'), { maxLength: 3 }) }),
      fc.record({ op: fc.constant('not' as const), item: tie('node') }),
    ),
  }),
).node;

/** A handful of leaves, so random `or`s of `and`s share terms and factoring has work to do. */
const sharedLeaf: fc.Arbitrary<Predicate> = fc.constantFrom<Predicate>(
  { op: 'eq', field: 'org', value: ids.orgA },
  { op: 'in', field: 'org', values: [ids.orgA, ids.orgB] },
  { op: 'eq', field: 'owner', value: ids.alice },
  { op: 'missing', field: 'org' },
  { op: 'acl', acl: 'user', keys: [ids.alice], orgKey: false, action: 'read' },
  { op: 'acl', acl: 'group', keys: [ids.group], orgKey: true, action: 'read' },
  { op: 'true' },
);

/** `or`s of `and`s (sometimes negated or nested once more) over `sharedLeaf`: prepare's shapes. */
export const sharedTermsArbitrary: fc.Arbitrary<Predicate> = fc.letrec<{ node: Predicate }>(
  (tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      sharedLeaf,
      fc.record({
        op: fc.constant('and' as const),
        items: fc.array(tie('node'), { maxLength: 3 }),
      }),
      fc.record({ op: fc.constant('or' as const), items: fc.array(tie('node'), { maxLength: 4 }) }),
      fc.record({ op: fc.constant('not' as const), item: tie('node') }),
    ),
  }),
).node;
