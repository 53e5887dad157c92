import { describe, expect, it } from 'vitest';
import { workspaceColumns } from '../../src/dbauthz/resources/workspaces.ts';
import { createAuthorizer } from '../../src/rbac/authorizer.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { Predicate } from '../../src/rbac/types.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import { cachedFilter } from '../../src/sql/filter-cache.ts';
import type { FilterResult } from '../../src/sql/filter-result.ts';
import { render, thingColumns } from './support/things.ts';

const uuid = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const groupIds = (n: number) => Array.from({ length: n }, (_, i) => uuid('0c0c0c0c', i));

function rendered(result: FilterResult) {
  if (result.kind !== 'where') throw new Error(`expected a condition, got ${result.kind}`);
  return render(result.sql);
}

/** The parameters with every array replaced by its length: what must not grow with the groups. */
const shapeOf = (params: unknown[]) =>
  params.map((value) => (Array.isArray(value) ? 'array' : value));

describe('group ACL keys: one array parameter, whatever the number of groups', () => {
  it('renders the same text and parameter count for 1 group and for 100 groups', () => {
    const leaf = (keys: string[]): Predicate => ({
      op: 'acl',
      acl: 'group',
      keys,
      orgKey: true,
      action: 'read',
    });
    const one = rendered(compileFilter(leaf(groupIds(1)), thingColumns));
    const hundred = rendered(compileFilter(leaf(groupIds(100)), thingColumns));
    expect(hundred.sql).toBe(one.sql);
    expect(hundred.params).toHaveLength(one.params.length);
    expect(shapeOf(hundred.params)).toEqual(shapeOf(one.params));
    expect(hundred.params).toContainEqual(groupIds(100));
  });

  it("renders a member's cached workspace filter alike with 1 group and with 100, in 1 org or many", () => {
    const member = (orgCount: number, groupCount: number) => {
      const orgs = Array.from({ length: orgCount }, (_, i) => uuid('0a0a0a0a', i));
      return createSubject({
        id: uuid('0b0b0b0b', 1),
        roles: [
          'member',
          ...orgs.flatMap((org) => [
            { name: 'organization-member', org },
            { name: 'organization-workspace-access', org },
          ]),
        ],
        groups: groupIds(groupCount),
      });
    };
    const authorizer = createAuthorizer();
    const filterOf = (orgCount: number, groupCount: number) => {
      const subject = member(orgCount, groupCount);
      cachedFilter(authorizer, subject, 'read', 'workspace', workspaceColumns);
      return rendered(cachedFilter(authorizer, subject, 'read', 'workspace', workspaceColumns));
    };
    const one = filterOf(1, 1);
    const hundred = filterOf(1, 100);
    expect(hundred.sql).toBe(one.sql);
    expect(shapeOf(hundred.params)).toEqual(shapeOf(one.params));
    expect(hundred.params).toContainEqual(groupIds(100));
    expect(one.sql).toContain('"workspaces"."group_acl" ?| $');
    // Two orgs or more bind the orgs as one array too (one org is `= $1`), so 2 and 100 alike.
    const two = filterOf(2, 2);
    const many = filterOf(100, 100);
    expect(many.sql).toBe(two.sql);
    expect(shapeOf(many.params)).toEqual(shapeOf(two.params));
  });
});
