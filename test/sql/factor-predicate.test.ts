import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acl,
  and,
  eq,
  evaluatePredicate,
  isIn,
  missing,
  not,
  or,
} from '../../src/rbac/predicate.ts';
import type { AclMap, Predicate, RbacObject } from '../../src/rbac/types.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import { factorPredicate } from '../../src/sql/factor-predicate.ts';
import type { FilterResult } from '../../src/sql/filter-result.ts';
import { predicateKey } from '../../src/sql/predicate-key.ts';
import {
  ids,
  predicateArbitrary,
  rowsArbitrary,
  sharedTermsArbitrary,
} from './support/arbitraries.ts';
import { groupsGrant, render, thingColumns } from './support/things.ts';

const { alice: ALICE, bob: BOB, orgA: ORG, orgB: ORG_B, group: GROUP } = ids;
const ORG_IS = '("things"."org_id" is not null and "things"."org_id" = $1)';
const READ = `array['["read"]','["*"]']::jsonb[]`;

function where(result: FilterResult) {
  if (result.kind !== 'where') throw new Error(`expected a condition, got ${result.kind}`);
  return render(result.sql);
}

function leaves(p: Predicate): number {
  if (p.op === 'and' || p.op === 'or') return p.items.reduce((n, item) => n + leaves(item), 0);
  if (p.op === 'not') return leaves(p.item);
  return p.op === 'true' || p.op === 'false' ? 0 : 1;
}

describe('factorPredicate: common terms of or-branches are stated once', () => {
  const mine = eq('owner', ALICE);
  const inOrg = eq('org', ORG);
  const shared = or(acl('user', [ALICE], false, 'read'), acl('group', [GROUP], true, 'read'));

  it("hoists the org a member's own and shared branches both need (the workspace list shape)", () => {
    const member = or(and(mine, inOrg), and(inOrg, shared));
    expect(factorPredicate(member)).toEqual(and(inOrg, or(mine, shared)));
    expect(where(compileFilter(member, thingColumns))).toEqual({
      sql:
        `(${ORG_IS} and (("things"."owner_id" is not null and "things"."owner_id" = $2) or ` +
        `coalesce(("things"."user_acl" -> $3::text) @> any(${READ}), false) or ` +
        `coalesce(${groupsGrant('things', 4, READ)} or ` +
        `("things"."group_acl" -> "things"."org_id"::text) @> any(${READ}), false)))`,
      params: [ORG, ALICE, ALICE, [GROUP], [GROUP]],
    });
  });

  it('binds the shared value once: one org parameter instead of one per branch', () => {
    const { params } = where(compileFilter(or(and(mine, inOrg), and(inOrg, shared)), thingColumns));
    expect(params.filter((value) => value === ORG)).toHaveLength(1);
  });

  it('factors only the branches that share the term, in the place of the first of them', () => {
    const other = eq('org', ORG_B);
    const p = or(other, and(inOrg, mine), and(eq('owner', BOB), inOrg));
    expect(factorPredicate(p)).toEqual(or(other, and(inOrg, or(mine, eq('owner', BOB)))));
    expect(where(compileFilter(p, thingColumns)).sql).toBe(
      '(("things"."org_id" is not null and "things"."org_id" = $1) or ' +
        '(("things"."org_id" is not null and "things"."org_id" = $2) and ' +
        '(("things"."owner_id" is not null and "things"."owner_id" = $3) or ' +
        '("things"."owner_id" is not null and "things"."owner_id" = $4))))',
    );
  });

  it('absorbs: A or (A and B) is A, and drops repeats of A in and/or', () => {
    expect(factorPredicate(or(inOrg, and(inOrg, mine)))).toEqual(inOrg);
    expect(factorPredicate(or(mine, mine))).toEqual(mine);
    expect(factorPredicate(and(mine, and(mine, inOrg)))).toEqual(and(mine, inOrg));
    expect(where(compileFilter(or(inOrg, and(mine, inOrg)), thingColumns))).toEqual({
      sql: ORG_IS,
      params: [ORG],
    });
  });

  it('treats IN lists and ACL keys as sets when comparing terms', () => {
    const ab = { op: 'in', field: 'org', values: [ORG, ORG_B] } as const;
    const ba = { op: 'in', field: 'org', values: [ORG_B, ORG] } as const;
    expect(predicateKey(ab)).toBe(predicateKey(ba));
    expect(factorPredicate(or(and(ab, mine), and(ba, missing('owner'))))).toEqual(
      and(ab, or(mine, missing('owner'))),
    );
    expect(predicateKey(eq('org', ORG))).not.toBe(predicateKey(isIn('org', [ORG, ORG_B])));
  });

  it('leaves a predicate without shared terms as it was, and factors inside not', () => {
    const plain = or(mine, and(inOrg, shared));
    expect(factorPredicate(plain)).toEqual(plain);
    expect(factorPredicate(not(or(and(mine, inOrg), and(inOrg, shared))))).toEqual(
      not(and(inOrg, or(mine, shared))),
    );
  });
});

describe('factorPredicate: same answers, never bigger', () => {
  const objects = rowsArbitrary.map((rows) =>
    rows.map(
      (row): RbacObject => ({
        type: 'workspace',
        id: row.id,
        ...(row.ownerId !== null && { owner: row.ownerId }),
        ...(row.orgId !== null && { org: row.orgId }),
        aclUsers: row.userAcl as AclMap,
        ...(row.groupAcl !== null && { aclGroups: row.groupAcl as AclMap }),
      }),
    ),
  );

  it('evaluates like the original on every object, with no more leaves', () => {
    fc.assert(
      fc.property(fc.oneof(sharedTermsArbitrary, predicateArbitrary), objects, (p, objs) => {
        const factored = factorPredicate(p);
        expect(leaves(factored)).toBeLessThanOrEqual(leaves(p));
        for (const o of objs) expect(evaluatePredicate(factored, o)).toBe(evaluatePredicate(p, o));
      }),
      { numRuns: 2000 },
    );
  });
});
