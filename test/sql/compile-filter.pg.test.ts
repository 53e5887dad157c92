import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluatePredicate } from '../../src/rbac/predicate.ts';
import type { AclMap, Predicate, RbacObject } from '../../src/rbac/types.ts';
import type { ColumnMap } from '../../src/sql/column-map.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import { toWhere } from '../../src/sql/filter-result.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  ids,
  predicateArbitrary,
  predicateArbitraryWith,
  rowsArbitrary,
  rowsArbitraryWith,
  sharedIds,
  sharedTermsArbitrary,
  type ThingRow,
} from './support/arbitraries.ts';
import { createThings, textOrgColumns, thingColumns, things } from './support/things.ts';

const database = databaseForFile();

beforeAll(async () => {
  await database.db.execute(createThings);
});

async function replaceRows(rows: readonly ThingRow[]): Promise<void> {
  await database.db.execute(sql`truncate things`);
  if (rows.length > 0) await database.db.insert(things).values([...rows]);
}

/** The ids PostgreSQL returns for the compiled filter, sorted. */
async function selectIds(predicate: Predicate, columns: ColumnMap): Promise<string[]> {
  const where = toWhere(compileFilter(predicate, columns), { all: 'true' });
  const rows = await database.db.select({ id: things.id }).from(things).where(where);
  return rows.map((row) => row.id).sort();
}

/** The ids the in-memory evaluator accepts, reading the row through the same column map. */
function expectedIds(
  predicate: Predicate,
  rows: readonly ThingRow[],
  ownerOf: (row: ThingRow) => string | null,
  orgOf: (row: ThingRow) => string | null = (row) => row.orgId,
): string[] {
  return rows
    .filter((row) => {
      const object: RbacObject = {
        type: 'workspace',
        id: row.id,
        ...(ownerOf(row) !== null && { owner: ownerOf(row)! }),
        ...(orgOf(row) !== null && { org: orgOf(row)! }),
        aclUsers: row.userAcl as AclMap,
        ...(row.groupAcl !== null && { aclGroups: row.groupAcl as AclMap }),
      };
      return evaluatePredicate(predicate, object);
    })
    .map((row) => row.id)
    .sort();
}

const row = (n: number, fields: Partial<ThingRow>): ThingRow => ({
  id: `0a4e7a1c-0000-4000-8000-${String(n).padStart(12, '0')}`,
  ownerId: null,
  orgId: null,
  ownerName: null,
  orgName: null,
  userAcl: {},
  groupAcl: null,
  ...fields,
});

describe('compiled filters on PostgreSQL', () => {
  const fixtures = [
    row(1, { ownerId: ids.alice, orgId: ids.orgA }),
    row(2, { ownerId: ids.bob, orgId: ids.orgA, userAcl: { [ids.alice]: ['read'] } }),
    row(3, { ownerId: ids.bob, orgId: ids.orgA, groupAcl: { [ids.orgA]: ['*'] } }),
    row(4, { ownerId: ids.bob, orgId: ids.orgB, groupAcl: { [ids.orgA]: ['read'] } }),
    row(5, { ownerId: ids.bob, orgId: null, groupAcl: { [ids.group]: ['update'] } }),
    row(6, { ownerId: ids.carol, orgId: ids.orgB, userAcl: { [ids.alice]: ['update'] } }),
    row(7, { ownerId: null, orgId: null }),
  ];
  const member: Predicate = {
    op: 'or',
    items: [
      { op: 'eq', field: 'owner', value: ids.alice },
      { op: 'acl', acl: 'user', keys: [ids.alice], orgKey: false, action: 'read' },
      { op: 'acl', acl: 'group', keys: [ids.group], orgKey: true, action: 'read' },
    ],
  };

  it('returns own rows, rows shared with the user, and rows shared with Everyone in their org', async () => {
    await replaceRows(fixtures);
    const expected = [1, 2, 3].map((n) => row(n, {}).id);
    expect(await selectIds(member, thingColumns)).toEqual(expected);
    expect(expectedIds(member, fixtures, (r) => r.ownerId)).toEqual(expected);
  });

  it('keeps NULL out of negations: not(org = A) includes the rows with no org', async () => {
    await replaceRows(fixtures);
    const predicate: Predicate = { op: 'not', item: { op: 'eq', field: 'org', value: ids.orgA } };
    const expected = [4, 5, 6, 7].map((n) => row(n, {}).id);
    expect(await selectIds(predicate, thingColumns)).toEqual(expected);
    const notShared: Predicate = { op: 'not', item: member.items[2]! };
    expect(await selectIds(notShared, thingColumns)).toHaveLength(fixtures.length - 1);
  });

  it('still has its rows after a hostile value is compared with a text column', async () => {
    await replaceRows(fixtures);
    const hostile = "x'); drop table things; --";
    expect(
      await selectIds({ op: 'eq', field: 'owner', value: hostile }, { owner: things.ownerName }),
    ).toEqual([]);
    expect(await selectIds({ op: 'true' }, thingColumns)).toHaveLength(fixtures.length);
  });

  it('finds a grant under any of 100 group keys, and never errors or grants on a non-object ACL', async () => {
    const groups = Array.from({ length: 100 }, (_, i) => row(200 + i, {}).id);
    const odd = (value: unknown) => value as Record<string, string[]>;
    const rows = [
      row(1, { orgId: ids.orgA, groupAcl: { [groups[99]!]: ['read'] } }),
      row(2, { orgId: ids.orgA, groupAcl: { [groups[0]!]: ['update'], [ids.bob]: ['*'] } }),
      row(3, { orgId: ids.orgA, groupAcl: { [groups[42]!]: ['*'] } }),
      row(4, { orgId: ids.orgA, groupAcl: odd([groups[1]]) }),
      row(5, { orgId: ids.orgA, groupAcl: odd(groups[2]) }),
      row(6, { orgId: ids.orgA, groupAcl: { [groups[3]!]: [] } }),
      row(7, { orgId: ids.orgA, groupAcl: null }),
      row(8, { orgId: ids.orgA, groupAcl: { [ids.orgA]: ['read'] } }),
    ];
    await replaceRows(rows);
    const shared: Predicate = {
      op: 'acl',
      acl: 'group',
      keys: groups,
      orgKey: true,
      action: 'read',
    };
    for (const predicate of [shared, { op: 'not', item: shared } satisfies Predicate]) {
      expect(await selectIds(predicate, thingColumns)).toEqual(
        expectedIds(predicate, rows, (r) => r.ownerId),
      );
    }
    expect(await selectIds(shared, thingColumns)).toEqual([1, 3, 8].map((n) => row(n, {}).id));
  });

  it('grants only through an entry that is an array, as the in-memory evaluator does', async () => {
    // `?|` on a JSON object tests its keys and on a string its value: an entry written as
    // {"read": true} or "read" (by a migration, a tool, another version) must grant nothing.
    const odd = (value: unknown) => value as string[];
    const rows = [
      row(1, { orgId: ids.orgA, userAcl: { [ids.alice]: odd({ read: true }) } }),
      row(2, { orgId: ids.orgA, userAcl: { [ids.alice]: odd('read') } }),
      row(3, { orgId: ids.orgA, groupAcl: { [ids.group]: odd({ '*': 1 }) } }),
      row(4, { orgId: ids.orgA, groupAcl: { [ids.group]: odd('*') } }),
      row(5, { orgId: ids.orgA, groupAcl: { [ids.orgA]: odd({ read: [] }) } }),
      row(6, { orgId: ids.orgA, groupAcl: { [ids.orgA]: odd('read') } }),
      row(7, { orgId: ids.orgA, userAcl: { [ids.alice]: ['read'] } }),
      row(8, { orgId: ids.orgA, groupAcl: { [ids.group]: ['read'] } }),
    ];
    await replaceRows(rows);
    const predicate: Predicate = {
      op: 'or',
      items: [
        { op: 'acl', acl: 'user', keys: [ids.alice], orgKey: false, action: 'read' },
        { op: 'acl', acl: 'group', keys: [ids.group], orgKey: true, action: 'read' },
      ],
    };
    const expected = [7, 8].map((n) => row(n, {}).id);
    expect(expectedIds(predicate, rows, (r) => r.ownerId)).toEqual(expected);
    expect(await selectIds(predicate, thingColumns)).toEqual(expected);
  });

  it('agrees with the in-memory evaluator on random predicates and rows', async () => {
    const textOwner: ColumnMap = { ...thingColumns, owner: things.ownerName };
    await fc.assert(
      fc.asyncProperty(
        rowsArbitrary,
        fc.array(predicateArbitrary, { minLength: 1, maxLength: 4 }),
        async (rows, predicates) => {
          await replaceRows(rows);
          for (const predicate of predicates) {
            expect(await selectIds(predicate, thingColumns)).toEqual(
              expectedIds(predicate, rows, (r) => r.ownerId),
            );
            expect(await selectIds(predicate, textOwner)).toEqual(
              expectedIds(predicate, rows, (r) => r.ownerName),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("never grants through the Everyone key of a text org column that is ''", async () => {
    // A row whose text org is '' has no org: an ACL entry under the key '' is not its Everyone group.
    const everyone: Predicate = { op: 'acl', acl: 'group', keys: [], orgKey: true, action: 'read' };
    const rows = [
      row(1, { orgName: '', groupAcl: { '': ['read'] } }),
      row(2, { orgName: 'acme', groupAcl: { acme: ['read'] } }),
      row(3, { orgName: null, groupAcl: { '': ['*'] } }),
    ];
    await replaceRows(rows);
    expect(await selectIds(everyone, textOrgColumns)).toEqual([row(2, {}).id]);
    const byName = (r: ThingRow) => r.orgName;
    expect(expectedIds(everyone, rows, (r) => r.ownerId, byName)).toEqual([row(2, {}).id]);
    const notEveryone: Predicate = { op: 'not', item: everyone };
    expect(await selectIds(notEveryone, textOrgColumns)).toEqual([1, 3].map((n) => row(n, {}).id));
  });

  it("agrees with the in-memory evaluator over a text org column, '' and Everyone keys included", async () => {
    // ACL maps may hold the key '' (what an empty text org would look up); predicates never name
    // it, as subjects' ids and groups are never empty.
    const rowsWithEmptyKeys = rowsArbitraryWith({ aclKeys: [...sharedIds, '', 'acme'] });
    const general = predicateArbitraryWith({ aclKeys: [...sharedIds, 'acme'] });
    const everyone = fc.record({
      op: fc.constant('acl' as const),
      acl: fc.constant('group' as const),
      keys: fc.subarray([ids.group, 'acme']),
      orgKey: fc.constant(true),
      action: fc.constantFrom('read' as const, 'update' as const),
    });
    const predicates = fc.oneof(
      general,
      sharedTermsArbitrary,
      everyone,
      fc.tuple(general, everyone).map(([p, e]): Predicate => ({ op: 'or', items: [p, e] })),
      everyone.map((e): Predicate => ({ op: 'not', item: e })),
    );
    await fc.assert(
      fc.asyncProperty(
        rowsWithEmptyKeys,
        fc.array(predicates, { minLength: 1, maxLength: 4 }),
        async (rows, list) => {
          await replaceRows(rows);
          for (const predicate of list) {
            expect(await selectIds(predicate, textOrgColumns)).toEqual(
              expectedIds(
                predicate,
                rows,
                (r) => r.ownerId,
                (r) => r.orgName,
              ),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('agrees with the in-memory evaluator on predicates whose branches share terms (factored)', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArbitrary,
        fc.array(sharedTermsArbitrary, { minLength: 1, maxLength: 4 }),
        async (rows, predicates) => {
          await replaceRows(rows);
          for (const predicate of predicates) {
            expect(await selectIds(predicate, thingColumns)).toEqual(
              expectedIds(predicate, rows, (r) => r.ownerId),
            );
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
