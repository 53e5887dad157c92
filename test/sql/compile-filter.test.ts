import { describe, expect, it } from 'vitest';
import type { Predicate } from '../../src/rbac/types.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import type { FilterResult } from '../../src/sql/filter-result.ts';
import { groupsGrant, render, thingColumns, things } from './support/things.ts';

const ALICE = '0a4e7a1c-0000-4000-8000-000000000001';
const BOB = '0a4e7a1c-0000-4000-8000-000000000002';
const ORG = '0a4e7a1c-0000-4000-8000-0000000000aa';
const GROUP = '0a4e7a1c-0000-4000-8000-0000000000bb';
const HOSTILE = "x'); drop table users; --";
/** How a catalogue action's ACL check reads in SQL: the action is written into the text. */
const READ = `array['["read"]','["*"]']::jsonb[]`;

function where(result: FilterResult) {
  if (result.kind !== 'where') throw new Error(`expected a condition, got ${result.kind}`);
  return render(result.sql);
}

describe('compileFilter: constants', () => {
  it('compiles true to "all" (no condition) and false to "none"', () => {
    expect(compileFilter({ op: 'true' }, thingColumns)).toEqual({ kind: 'all' });
    expect(compileFilter({ op: 'false' }, thingColumns)).toEqual({ kind: 'none' });
  });

  it('folds and/or/not around constants', () => {
    const owner: Predicate = { op: 'eq', field: 'owner', value: ALICE };
    expect(compileFilter({ op: 'and', items: [] }, thingColumns).kind).toBe('all');
    expect(compileFilter({ op: 'or', items: [] }, thingColumns).kind).toBe('none');
    expect(compileFilter({ op: 'or', items: [owner, { op: 'true' }] }, thingColumns).kind).toBe(
      'all',
    );
    expect(compileFilter({ op: 'and', items: [owner, { op: 'false' }] }, thingColumns).kind).toBe(
      'none',
    );
    expect(compileFilter({ op: 'not', item: { op: 'false' } }, thingColumns).kind).toBe('all');
    const single = compileFilter({ op: 'and', items: [{ op: 'true' }, owner] }, thingColumns);
    expect(where(single).sql).toBe(
      '("things"."owner_id" is not null and "things"."owner_id" = $1)',
    );
  });
});

describe('compileFilter: leaves', () => {
  it('compares a NOT NULL uuid column plainly and a nullable one with a NULL guard', () => {
    expect(where(compileFilter({ op: 'eq', field: 'id', value: ALICE }, thingColumns))).toEqual({
      sql: '"things"."id" = $1',
      params: [ALICE],
    });
    expect(where(compileFilter({ op: 'eq', field: 'org', value: ORG }, thingColumns))).toEqual({
      sql: '("things"."org_id" is not null and "things"."org_id" = $1)',
      params: [ORG],
    });
  });

  it('binds an IN list as one array parameter, deduplicated', () => {
    const result = compileFilter({ op: 'in', field: 'org', values: [ORG, BOB, ORG] }, thingColumns);
    expect(where(result)).toEqual({
      sql: '("things"."org_id" is not null and "things"."org_id" = any($1::uuid[]))',
      params: [[ORG, BOB]],
    });
  });

  it('folds values a uuid column can never equal to "none" (empty, non-canonical, hostile)', () => {
    for (const value of ['', ALICE.toUpperCase(), HOSTILE, `{${ALICE}}`]) {
      expect(compileFilter({ op: 'eq', field: 'owner', value }, thingColumns).kind).toBe('none');
    }
    expect(compileFilter({ op: 'in', field: 'owner', values: [] }, thingColumns).kind).toBe('none');
    const kept = compileFilter({ op: 'in', field: 'owner', values: [HOSTILE, BOB] }, thingColumns);
    expect(where(kept).params).toEqual([BOB]);
  });

  it('binds a hostile value for a text column as a parameter, never as SQL text', () => {
    const columns = { owner: things.ownerName };
    const result = where(compileFilter({ op: 'eq', field: 'owner', value: HOSTILE }, columns));
    expect(result.sql).toBe('("things"."owner_name" is not null and "things"."owner_name" = $1)');
    expect(result.sql).not.toContain('drop table');
    expect(result.params).toEqual([HOSTILE]);
  });

  it('compiles missing to IS NULL for uuid, NULL or empty for text, and folds NOT NULL columns', () => {
    expect(where(compileFilter({ op: 'missing', field: 'org' }, thingColumns)).sql).toBe(
      '"things"."org_id" is null',
    );
    expect(
      where(compileFilter({ op: 'missing', field: 'owner' }, { owner: things.ownerName })),
    ).toEqual({ sql: `("things"."owner_name" is null or "things"."owner_name" = '')`, params: [] });
    expect(compileFilter({ op: 'missing', field: 'id' }, thingColumns).kind).toBe('none');
  });

  it('treats a field the column map lacks as absent: eq/in/acl are "none", missing is "all"', () => {
    const columns = { id: things.id };
    expect(compileFilter({ op: 'eq', field: 'org', value: ORG }, columns).kind).toBe('none');
    expect(compileFilter({ op: 'in', field: 'owner', values: [ALICE] }, columns).kind).toBe('none');
    expect(compileFilter({ op: 'missing', field: 'org' }, columns).kind).toBe('all');
    const acl: Predicate = { op: 'acl', acl: 'user', keys: [ALICE], orgKey: true, action: 'read' };
    expect(compileFilter(acl, columns).kind).toBe('none');
  });

  it('compiles group keys as one array parameter plus the Everyone key, NULL-safe', () => {
    const result = compileFilter(
      { op: 'acl', acl: 'group', keys: [GROUP, HOSTILE, '', GROUP], orgKey: true, action: 'read' },
      thingColumns,
    );
    expect(where(result)).toEqual({
      sql:
        `coalesce(${groupsGrant('things', 1, READ)} or ` +
        `("things"."group_acl" -> "things"."org_id"::text) @> any(${READ}), false)`,
      params: [
        [GROUP, HOSTILE],
        [GROUP, HOSTILE],
      ],
    });
  });

  it('compiles a user ACL check per key (a subject has one id)', () => {
    const result = compileFilter(
      { op: 'acl', acl: 'user', keys: [ALICE, ''], orgKey: false, action: 'read' },
      thingColumns,
    );
    expect(where(result)).toEqual({
      sql: `coalesce(("things"."user_acl" -> $1::text) @> any(${READ}), false)`,
      params: [ALICE],
    });
  });

  it("drops '' group keys: none left is no group term, the Everyone key alone or none", () => {
    const acl: Predicate = {
      op: 'acl',
      acl: 'group',
      keys: ['', ''],
      orgKey: true,
      action: 'read',
    };
    expect(where(compileFilter(acl, thingColumns))).toEqual({
      sql: `coalesce(("things"."group_acl" -> "things"."org_id"::text) @> any(${READ}), false)`,
      params: [],
    });
    expect(compileFilter({ ...acl, orgKey: false }, thingColumns).kind).toBe('none');
  });

  it('binds an odd action once in the group check, and the group keys as one array', () => {
    const odd = "read' or true --" as Predicate extends { action: infer A } ? A : never;
    const result = compileFilter(
      { op: 'acl', acl: 'group', keys: [GROUP], orgKey: false, action: odd },
      thingColumns,
    );
    expect(where(result)).toEqual({
      sql: `coalesce(${groupsGrant('things', 1, '$3::jsonb[]')}, false)`,
      params: [[GROUP], [GROUP], [JSON.stringify([odd]), '["*"]']],
    });
  });

  it('writes a catalogue action into the text, and binds any other action string', () => {
    const odd = "read' or true --" as Predicate extends { action: infer A } ? A : never;
    const result = compileFilter(
      { op: 'acl', acl: 'user', keys: [ALICE], orgKey: false, action: odd },
      thingColumns,
    );
    expect(where(result)).toEqual({
      sql: 'coalesce(("things"."user_acl" -> $1::text) @> any($2::jsonb[]), false)',
      params: [ALICE, [JSON.stringify([odd]), '["*"]']],
    });
  });

  it('compiles an ACL check with no keys and no org to "none"', () => {
    const acl: Predicate = { op: 'acl', acl: 'user', keys: [], orgKey: true, action: 'read' };
    expect(compileFilter(acl, { aclUsers: things.userAcl }).kind).toBe('none');
    expect(compileFilter({ ...acl, orgKey: false }, thingColumns).kind).toBe('none');
  });
});

describe('compileFilter: a member reading workspaces', () => {
  it('renders the owner-or-shared-or-org predicate as one parenthesized condition', () => {
    const predicate: Predicate = {
      op: 'or',
      items: [
        {
          op: 'and',
          items: [
            { op: 'eq', field: 'owner', value: ALICE },
            { op: 'in', field: 'org', values: [ORG] },
          ],
        },
        { op: 'acl', acl: 'user', keys: [ALICE], orgKey: false, action: 'read' },
        { op: 'not', item: { op: 'missing', field: 'org' } },
      ],
    };
    const rendered = where(compileFilter(predicate, thingColumns));
    expect(rendered.sql).toBe(
      '((("things"."owner_id" is not null and "things"."owner_id" = $1) and ' +
        '("things"."org_id" is not null and "things"."org_id" = $2)) or ' +
        `coalesce(("things"."user_acl" -> $3::text) @> any(${READ}), false) or ` +
        'not ("things"."org_id" is null))',
    );
    expect(rendered.params).toEqual([ALICE, ORG, ALICE]);
  });
});
