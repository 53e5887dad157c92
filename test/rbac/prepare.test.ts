import { describe, expect, it } from 'vitest';
import {
  and,
  eq,
  evaluatePredicate,
  FALSE,
  isIn,
  missing,
  not,
  or,
  prepare,
  TRUE,
} from '../../src/rbac/index.ts';
import { A, B, inOrg, memberOf, subject } from './fixtures.ts';

describe('predicate constructors fold constants', () => {
  it('and/or/not simplify and flatten', () => {
    const x = eq('owner', 'u');
    const y = eq('org', A);
    expect(and()).toEqual(TRUE);
    expect(or()).toEqual(FALSE);
    expect(and(TRUE, x)).toBe(x);
    expect(and(x, FALSE)).toEqual(FALSE);
    expect(or(FALSE, x)).toBe(x);
    expect(or(x, TRUE)).toEqual(TRUE);
    expect(and(and(x, y), x)).toEqual({ op: 'and', items: [x, y, x] });
    expect(not(not(x))).toBe(x);
    expect(isIn('org', [])).toEqual(FALSE);
    expect(isIn('org', [B, A, A])).toEqual({ op: 'in', field: 'org', values: [A, B] });
  });

  it('evaluates two-valued: a missing field equals nothing and is in nothing', () => {
    for (const org of [undefined, null, '']) {
      const row = { type: 'workspace', org } as never;
      expect(evaluatePredicate(eq('org', ''), row)).toBe(false);
      expect(evaluatePredicate(isIn('org', [A, '']), row)).toBe(false);
      expect(evaluatePredicate(missing('org'), row)).toBe(true);
      expect(evaluatePredicate(not(eq('org', A)), row)).toBe(true);
    }
  });
});

describe('prepare', () => {
  it('folds to true for a site-wide grant and to false when nothing can match', () => {
    expect(prepare(subject('o', ['owner']), 'read', 'workspace')).toEqual(TRUE);
    expect(prepare(subject('m', ['member']), 'read', 'workspace')).toEqual(FALSE);
    expect(prepare(subject('o', ['owner']), 'fly' as never, 'workspace')).toEqual(FALSE);
    expect(prepare(subject('o', ['owner']), 'read', 'spaceship' as never)).toEqual(FALSE);
    const withBan = subject('o', ['owner', inOrg('organization-workspace-creation-ban', A)]);
    expect(prepare(withBan, 'create', 'workspace')).toEqual(TRUE);
  });

  it('a member: own workspaces in its orgs, or ACL grants in its orgs', () => {
    const alice = subject('alice', [...memberOf(A), ...memberOf(B)], { groups: ['g1'] });
    expect(prepare(alice, 'read', 'workspace')).toEqual({
      op: 'or',
      items: [
        { op: 'and', items: [eq('owner', 'alice'), isIn('org', [A, B])] },
        {
          op: 'and',
          items: [
            isIn('org', [A, B]),
            {
              op: 'or',
              items: [
                { op: 'acl', acl: 'user', keys: ['alice'], orgKey: false, action: 'read' },
                { op: 'acl', acl: 'group', keys: ['g1'], orgKey: true, action: 'read' },
              ],
            },
          ],
        },
      ],
    });
  });

  it('a user-level grant needs the owner and no org; an org-level negative removes that org', () => {
    expect(prepare(subject('m', ['member']), 'read', 'api_key')).toEqual(
      and(eq('owner', 'm'), missing('org')),
    );
    const banned = subject('alice', [
      ...memberOf(A),
      ...memberOf(B),
      inOrg('organization-workspace-creation-ban', A),
    ]);
    const p = prepare(banned, 'create', 'workspace');
    expect(p).toMatchObject({
      op: 'or',
      items: [{ op: 'and', items: [eq('owner', 'alice'), eq('org', B)] }, {}],
    });
  });

  it('an org admin: the org, whoever owns the row; a scoped key adds id IN (allow list)', () => {
    const admin = subject('a', [inOrg('organization-admin', A)], {
      scope: {
        scopes: ['workspace:read'],
        allowList: [
          { type: 'workspace', id: 'w1' },
          { type: 'workspace', id: 'w2' },
        ],
      },
    });
    expect(prepare(admin, 'read', 'workspace')).toEqual(
      and(
        or(
          eq('org', A),
          and(
            eq('org', A),
            or(
              { op: 'acl', acl: 'user', keys: ['a'], orgKey: false, action: 'read' },
              { op: 'acl', acl: 'group', keys: [], orgKey: true, action: 'read' },
            ),
          ),
        ),
        isIn('id', ['w1', 'w2']),
      ),
    );
    expect(prepare(admin, 'update', 'workspace')).toEqual(FALSE);
  });
});
