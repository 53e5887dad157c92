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

/** The id of the `index`-th generated row (1-based): row ids are in the shared pool too. */
export const rowId = (index: number) =>
  `0a4e7a1c-0000-4000-8000-${String(index).padStart(12, '0')}`;

/**
 * The one pool of uuids that row ids, owners and orgs and predicate values are all drawn from, so
 * a predicate on one field meets values that belong to another (`owner = X` next to `org = X`): a
 * key or compiler that confused fields would change answers on these rows.
 */
export const sharedIds: readonly string[] = [
  ids.alice,
  ids.bob,
  ids.carol,
  ids.orgA,
  ids.orgB,
  ids.group,
  rowId(1),
  rowId(2),
];

/** A test row of the `things` table. */
export interface ThingRow {
  id: string;
  ownerId: string | null;
  orgId: string | null;
  ownerName: string | null;
  /** A text org column: empty, NULL, ids of the pool, or text no uuid column could hold. */
  orgName: string | null;
  userAcl: Record<string, string[]>;
  groupAcl: Record<string, string[]> | null;
}

const oddValues = ['', "x'); drop table users; --", ids.alice.toUpperCase(), 'alice'];
const values = fc.constantFrom(...sharedIds, ...oddValues);
const actions = fc.constantFrom('read', 'update', '*');
const aclMapOf = (keyPool: readonly string[]) =>
  fc.dictionary(fc.constantFrom(...keyPool), fc.uniqueArray(actions, { maxLength: 2 }), {
    maxKeys: 3,
    noNullPrototype: true,
  });

/** What `rowsArbitraryWith` may vary: the keys its ACL maps draw from. */
export interface RowOptions {
  /** Keys of the ACL maps; add `''` to meet a text org column's empty value (the Everyone key). */
  readonly aclKeys?: readonly string[];
}

/** Rows with NULL and empty fields, other users, wildcard ACLs and Everyone (org id) keys. */
export function rowsArbitraryWith(options: RowOptions = {}): fc.Arbitrary<ThingRow[]> {
  const keys = options.aclKeys ?? sharedIds;
  const plain = aclMapOf(keys);
  // With '' among the keys, half the maps get an entry under '' so empty orgs meet it often.
  const aclMap = keys.includes('')
    ? fc.oneof(
        plain,
        fc
          .tuple(plain, fc.uniqueArray(actions, { minLength: 1, maxLength: 2 }))
          .map(([map, list]) => ({ ...map, '': list })),
      )
    : plain;
  const pooled = fc.option(fc.constantFrom(...sharedIds), { nil: null });
  return fc
    .array(
      fc.record({
        ownerId: pooled,
        orgId: pooled,
        ownerName: fc.option(fc.constantFrom('', ids.alice, ids.bob, 'alice'), { nil: null }),
        orgName: fc.option(fc.constantFrom('', '', ids.orgA, ids.orgB, ids.alice, 'acme'), {
          nil: null,
        }),
        userAcl: aclMap,
        groupAcl: fc.option(aclMap, { nil: null }),
      }),
      { maxLength: 12 },
    )
    .map((rows): ThingRow[] => rows.map((row, index) => ({ ...row, id: rowId(index + 1) })));
}

/** Rows over the shared pool, ACL maps keyed by pool ids. */
export const rowsArbitrary = rowsArbitraryWith();

/** What `predicateArbitraryWith` may vary: the keys its ACL leaves name. */
export interface PredicateOptions {
  /** Keys of ACL leaves; the subject's id and groups, which are never empty. */
  readonly aclKeys?: readonly string[];
}

const field = fc.constantFrom<PredicateField>('id', 'owner', 'org');

function leafWith(aclKeys: readonly string[]): fc.Arbitrary<Predicate> {
  return fc.oneof(
    fc.constantFrom<Predicate>({ op: 'true' }, { op: 'false' }),
    fc.record({ op: fc.constant('eq' as const), field, value: values }),
    fc.record({
      op: fc.constant('in' as const),
      field,
      values: fc.array(values, { maxLength: 4 }),
    }),
    fc.record({ op: fc.constant('missing' as const), field }),
    fc.record({
      op: fc.constant('acl' as const),
      acl: fc.constantFrom('user' as const, 'group' as const),
      keys: fc.array(fc.constantFrom(...aclKeys), { maxLength: 3 }),
      orgKey: fc.boolean(),
      action: fc.constantFrom('read' as const, 'update' as const),
    }),
  );
}

function treeOf(leaf: fc.Arbitrary<Predicate>, maxOr: number): fc.Arbitrary<Predicate> {
  return fc.letrec<{ node: Predicate }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({
        op: fc.constant('and' as const),
        items: fc.array(tie('node'), { maxLength: 3 }),
      }),
      fc.record({
        op: fc.constant('or' as const),
        items: fc.array(tie('node'), { maxLength: maxOr }),
      }),
      fc.record({ op: fc.constant('not' as const), item: tie('node') }),
    ),
  })).node;
}

/** Random predicate trees up to a few levels deep, with `not` over every kind of node. */
export function predicateArbitraryWith(options: PredicateOptions = {}): fc.Arbitrary<Predicate> {
  return treeOf(leafWith(options.aclKeys ?? [...sharedIds, '']), 3);
}

/** Random predicates whose values come from the shared pool (ACL keys include `''`). */
export const predicateArbitrary = predicateArbitraryWith();

/** Two pool values every field is compared with, so `owner = X` and `org = X` meet often. */
const hotValues = [ids.alice, ids.orgA] as const;

/**
 * A handful of leaves, so random `or`s of `and`s share terms and factoring has work to do; `eq`
 * and `in` leaves compare any field with the same few values, so terms that differ only in their
 * field (or only in `eq` vs `in`) stand side by side.
 */
const sharedLeaf: fc.Arbitrary<Predicate> = fc.oneof(
  fc.record({
    op: fc.constant('eq' as const),
    field,
    value: fc.constantFrom(...hotValues),
  }),
  fc.record({
    op: fc.constant('in' as const),
    field,
    values: fc.constantFrom([ids.orgA, ids.orgB], [ids.alice], [ids.orgA]),
  }),
  fc.constantFrom<Predicate>(
    { op: 'missing', field: 'org' },
    { op: 'missing', field: 'owner' },
    { op: 'acl', acl: 'user', keys: [ids.alice], orgKey: false, action: 'read' },
    { op: 'acl', acl: 'group', keys: [ids.alice], orgKey: false, action: 'read' },
    { op: 'acl', acl: 'group', keys: [ids.group], orgKey: true, action: 'read' },
    { op: 'acl', acl: 'group', keys: [ids.group], orgKey: false, action: 'read' },
    { op: 'acl', acl: 'group', keys: [ids.group], orgKey: true, action: 'update' },
    { op: 'true' },
  ),
);

/** `or`s of `and`s (sometimes negated or nested once more) over `sharedLeaf`: prepare's shapes. */
export const sharedTermsArbitrary: fc.Arbitrary<Predicate> = treeOf(sharedLeaf, 4);
