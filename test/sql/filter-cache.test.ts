import { eq, Param, type SQL, StringChunk, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallContext } from '../../src/dbauthz/call-context.ts';
import { workspaceFilter } from '../../src/dbauthz/resources/workspace-filter.ts';
import { createAuthorizer } from '../../src/rbac/authorizer.ts';
import type { Action, ResourceType } from '../../src/rbac/catalogue.ts';
import type { CompiledSubject } from '../../src/rbac/compile.ts';
import { acl, and, or, eq as same } from '../../src/rbac/predicate.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { Authorizer, Predicate, Subject } from '../../src/rbac/types.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import { cachedFilter } from '../../src/sql/filter-cache.ts';
import type { FilterResult } from '../../src/sql/filter-result.ts';
import { flattenCondition } from '../../src/sql/flatten-filter.ts';
import { ids } from './support/arbitraries.ts';
import { cacheQuestions, cacheSubjectArbitrary } from './support/cache-calls.ts';
import { groupsGrant, render, textOrgColumns, thingColumns, things } from './support/things.ts';

const { alice: ALICE, orgA: ORG, group: GROUP } = ids;
const member = (): Subject =>
  createSubject({
    id: ALICE,
    roles: [
      'member',
      { name: 'organization-member', org: ORG },
      { name: 'organization-workspace-access', org: ORG },
    ],
    groups: [GROUP],
  });

function condition(result: FilterResult): SQL {
  if (result.kind !== 'where') throw new Error(`expected a condition, got ${result.kind}`);
  return result.sql;
}
const READ = `array['["read"]','["*"]']::jsonb[]`;

/** Text chunks around bound values only: scalars bare (as the `sql` tag keeps them), arrays in a `Param`. */
const isFlat = (fragment: SQL) =>
  fragment.queryChunks.every(
    (chunk: unknown) =>
      chunk instanceof StringChunk ||
      (chunk instanceof Param && typeof chunk.value === 'object') ||
      chunk === null ||
      ['string', 'number', 'boolean'].includes(typeof chunk),
  );

describe('flattenCondition', () => {
  const nested = condition(
    compileFilter(
      or(and(same('owner', ALICE), same('org', ORG)), acl('group', [GROUP], true, 'read')),
      thingColumns,
    ),
  );

  it('renders to the same text and values as the tree it came from, at any parameter offset', () => {
    const flat = flattenCondition(nested);
    expect(isFlat(flat)).toBe(true);
    expect(isFlat(nested)).toBe(false);
    const inQuery = (c: SQL) => render(sql`select 1 where ${things.ownerName} = ${'x'} and ${c}`);
    expect(inQuery(flat)).toEqual(inQuery(nested));
    expect(render(flat)).toEqual(render(nested));
    expect(inQuery(flat).sql).toContain('"things"."org_id" = $3');
    const typings = (c: SQL) => new PgDialect().sqlToQuery(c).typings;
    expect(typings(flat)).toEqual(typings(nested));
  });

  it('keeps array values in one parameter each, with the same text and values at any offset', () => {
    const groups = condition(
      compileFilter(acl('group', [GROUP, ALICE], true, 'read'), thingColumns),
    );
    const flat = flattenCondition(groups);
    expect(isFlat(flat)).toBe(true);
    const inQuery = (c: SQL) => render(sql`select 1 where ${things.ownerName} = ${'x'} and ${c}`);
    expect(inQuery(flat)).toEqual(inQuery(groups));
    expect(inQuery(flat).params).toEqual(['x', [GROUP, ALICE], [GROUP, ALICE]]);
  });

  it('leaves conditions with placeholders or typed parameters as they are', () => {
    const placeholder = sql`${things.ownerId} = ${sql.placeholder('owner')}`;
    expect(flattenCondition(placeholder)).toBe(placeholder);
    const typed = eq(things.userAcl, { [ALICE]: ['read'] });
    expect(flattenCondition(typed)).toBe(typed);
  });
});

describe('cachedFilter', () => {
  it('compiles once per subject, type and action, then hands back one flattened result', () => {
    const authorizer = createAuthorizer();
    const subject = member();
    const first = cachedFilter(authorizer, subject, 'read', 'workspace', thingColumns);
    const second = cachedFilter(authorizer, subject, 'read', 'workspace', thingColumns);
    const third = cachedFilter(authorizer, subject, 'read', 'workspace', thingColumns);
    expect(second).toBe(third);
    expect(isFlat(condition(second))).toBe(true);
    const fresh = compileFilter(authorizer.prepare(subject, 'read', 'workspace'), thingColumns);
    expect(render(condition(first))).toEqual(render(condition(fresh)));
    expect(render(condition(second))).toEqual(render(condition(fresh)));
    expect(Object.isFrozen(second)).toBe(true);
  });

  it('gives equal predicates of two types the very same result (workspace and workspace_dormant)', () => {
    const authorizer = createAuthorizer();
    const subject = member();
    const live = cachedFilter(authorizer, subject, 'read', 'workspace', thingColumns);
    const dormant = cachedFilter(authorizer, subject, 'read', 'workspace_dormant', thingColumns);
    expect(dormant).toBe(live);
    expect(cachedFilter(authorizer, subject, 'update', 'workspace', thingColumns)).not.toBe(live);
  });

  it('keeps authorizers, subjects and column maps apart', () => {
    const [a, b] = [createAuthorizer(), createAuthorizer()];
    const subject = member();
    const viaA = cachedFilter(a, subject, 'read', 'workspace', thingColumns);
    expect(cachedFilter(b, subject, 'read', 'workspace', thingColumns)).not.toBe(viaA);
    expect(cachedFilter(a, member(), 'read', 'workspace', thingColumns)).not.toBe(viaA);
    expect(cachedFilter(a, subject, 'read', 'workspace', { ...thingColumns })).not.toBe(viaA);
    const owner = createSubject({ id: ALICE, roles: ['owner'] });
    expect(cachedFilter(a, owner, 'read', 'workspace', thingColumns)).toEqual({ kind: 'all' });
  });

  it('asks an authorizer without compile (its prepare may change) every time', () => {
    let predicate: Predicate = same('owner', ALICE);
    let calls = 0;
    const stub: Authorizer = {
      authorize: () => false,
      prepare: () => {
        calls += 1;
        return predicate;
      },
    };
    const subject = member();
    const before = cachedFilter(stub, subject, 'read', 'workspace', thingColumns);
    predicate = { op: 'false' };
    expect(cachedFilter(stub, subject, 'read', 'workspace', thingColumns)).toEqual({
      kind: 'none',
    });
    expect(calls).toBe(2);
    expect(render(condition(before)).params).toEqual([ALICE]);
  });
});

describe('cachedFilter is transparent', () => {
  /** What a filter renders to (kind, SQL text and parameters), for comparing two of them. */
  const rendered = (result: FilterResult) =>
    result.kind === 'where' ? { kind: 'where', ...render(result.sql) } : { kind: result.kind };

  it('renders, for one subject object and column map, what an uncached compile renders, call after call', () => {
    // The cache is keyed by subject, column map, action and type; a key that dropped any part
    // would hand one question's filter to another (say, a template's read filter for update).
    // Each call picks one of two column maps, so one subject's entries over both sit side by side.
    const maps = [thingColumns, textOrgColumns] as const;
    fc.assert(
      fc.property(
        cacheSubjectArbitrary,
        fc.array(fc.tuple(fc.constantFrom(...cacheQuestions), fc.constantFrom(0, 1)), {
          minLength: 2,
          maxLength: 24,
        }),
        (subject, calls) => {
          const authorizer = createAuthorizer();
          for (const [[action, type], map] of calls) {
            const columns = maps[map];
            const uncached = compileFilter(authorizer.prepare(subject, action, type), columns);
            const cached = cachedFilter(authorizer, subject, action, type, columns);
            expect(rendered(cached), `${action} ${type}`).toEqual(rendered(uncached));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('serves a template update filter after a read filter, not the read filter again', () => {
    const authorizer = createAuthorizer();
    const subject = member();
    const ask = (action: Action, type: ResourceType) =>
      rendered(cachedFilter(authorizer, subject, action, type, thingColumns));
    const read = ask('read', 'template');
    expect(ask('read', 'template')).toEqual(read);
    const update = ask('update', 'template');
    expect(update).not.toEqual(read);
    expect(update).toEqual(
      rendered(compileFilter(authorizer.prepare(subject, 'update', 'template'), thingColumns)),
    );
  });
});

/** A pure authorizer (it has `compile`) answering fixed predicates per type. */
function fixedAuthorizer(byType: Record<string, Predicate>): Authorizer {
  return {
    authorize: () => false,
    prepare: (_subject, _action, type) => byType[type] ?? { op: 'false' },
    compile: (subject: Subject) => subject as unknown as CompiledSubject,
  } as Authorizer;
}

function workspaceSql(authorizer: Authorizer, subject: Subject) {
  const ctx = {
    filter: (action, type, columns) => cachedFilter(authorizer, subject, action, type, columns),
  } as Pick<CallContext<unknown>, 'filter'> as CallContext<unknown>;
  const result = workspaceFilter('read')(ctx);
  return result.kind === 'where' ? render(result.sql) : result.kind;
}

describe('workspaceFilter over cached filters', () => {
  it("splits a member's filter: live rows by owner or ACL, dormant rows by owner only (no ACL)", () => {
    const live =
      '("workspaces"."organization_id" = $1 and ("workspaces"."owner_id" = $2 or ' +
      `coalesce(("workspaces"."user_acl" -> $3::text) @> any(${READ}), false) or ` +
      `coalesce(${groupsGrant('workspaces', 4, READ)} or ` +
      `("workspaces"."group_acl" -> "workspaces"."organization_id"::text) @> any(${READ}), false)))`;
    const dormant = '("workspaces"."organization_id" = $6 and "workspaces"."owner_id" = $7)';
    expect(workspaceSql(createAuthorizer(), member())).toEqual({
      sql:
        `(("workspaces"."dormant_at" is null and ${live}) or ` +
        `("workspaces"."dormant_at" is not null and ${dormant}))`,
      params: [ORG, ALICE, ALICE, [GROUP], [GROUP], ORG, ALICE],
    });
  });

  it('keeps the split when they differ, built once for the pair', () => {
    const authorizer = fixedAuthorizer({
      workspace: same('owner', ALICE),
      workspace_dormant: same('org', ORG),
    });
    const subject = member();
    expect(workspaceSql(authorizer, subject)).toEqual({
      sql:
        '(("workspaces"."dormant_at" is null and "workspaces"."owner_id" = $1) or ' +
        '("workspaces"."dormant_at" is not null and "workspaces"."organization_id" = $2))',
      params: [ALICE, ORG],
    });
    expect(workspaceSql(authorizer, subject)).toEqual(workspaceSql(authorizer, subject));
  });

  it('adds no condition when both are all, and lets no row through when both are none', () => {
    const all = fixedAuthorizer({ workspace: { op: 'true' }, workspace_dormant: { op: 'true' } });
    expect(workspaceSql(all, member())).toBe('all');
    expect(workspaceSql(fixedAuthorizer({}), member())).toBe('none');
  });
});
