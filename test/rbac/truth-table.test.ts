import { describe, expect, it } from 'vitest';
import {
  type Action,
  authorize,
  catalogue,
  createSubject,
  evaluatePredicate,
  explain,
  prepare,
  type RbacObject,
  type ResourceType,
  type RoleRef,
} from '../../src/rbac/index.ts';
import { type Row, rows, type Who } from './truth-table.data.ts';

const A = 'org-a';
const B = 'org-b';
const inA = (name: string): RoleRef => ({ name, org: A });
const floor = (org: string): RoleRef[] => [
  'member',
  { name: 'organization-member', org },
  { name: 'organization-workspace-access', org },
];

// One subject per built-in role (org roles bound to A), plain members of A and of B, and combos.
const roles: Record<Who, RoleRef[]> = {
  owner: ['owner'],
  member: ['member'],
  auditor: ['auditor'],
  tadmin: ['template-admin'],
  uadmin: ['user-admin'],
  oadmin: [inA('organization-admin')],
  oauditor: [inA('organization-auditor')],
  ouadmin: [inA('organization-user-admin')],
  otadmin: [inA('organization-template-admin')],
  oban: [inA('organization-workspace-creation-ban')],
  owsa: [inA('organization-workspace-access')],
  omember: [inA('organization-member')],
  memberA: floor(A),
  memberB: floor(B),
  ownerBan: ['owner', ...floor(A), inA('organization-workspace-creation-ban')],
  memberABan: [...floor(A), inA('organization-workspace-creation-ban')],
};
const subjects = Object.entries(roles).map(([who, r]) => ({
  who: who as Who,
  subject: createSubject({ id: `user-${who}`, roles: r }),
}));

/** The object contexts, and which levels of a row apply to each (semantics.md, "The decision"). */
const contexts = {
  site: { object: (type: ResourceType) => ({ type, id: 'obj-1' }), levels: ['S'] },
  mine: {
    object: (type: ResourceType, me: string) => ({ type, id: 'obj-1', owner: me }),
    levels: ['S', 'U'],
  },
  orgA: {
    object: (type: ResourceType) => ({ type, id: 'obj-1', org: A, owner: 'someone-else' }),
    levels: ['S', 'O'],
  },
  mineA: {
    object: (type: ResourceType, me: string) => ({ type, id: 'obj-1', org: A, owner: me }),
    levels: ['S', 'O', 'M'],
  },
} as const satisfies Record<
  string,
  {
    object: (type: ResourceType, me: string) => RbacObject;
    levels: readonly ('S' | 'U' | 'O' | 'M')[];
  }
>;

function mismatches(row: Row, action: Action): string[] {
  const out: string[] = [];
  for (const [name, context] of Object.entries(contexts)) {
    const allowed = new Set(context.levels.flatMap((level) => row[level] ?? []));
    for (const { who, subject } of subjects) {
      const object = context.object(row.type, subject.id);
      const got = authorize(subject, action, object);
      if (got !== allowed.has(who)) out.push(`${who} ${action} ${row.type} (${name}): got ${got}`);
      if (evaluatePredicate(prepare(subject, action, row.type), object) !== got) {
        out.push(`${who} ${action} ${row.type} (${name}): prepare disagrees`);
      }
      if (explain(subject, action, object).allowed !== got) {
        out.push(`${who} ${action} ${row.type} (${name}): explain disagrees`);
      }
    }
  }
  return out;
}

describe('built-in role truth table (every catalogue pair)', () => {
  for (const row of rows) {
    for (const action of row.actions) {
      it(`${row.type}:${action}`, () => {
        expect(mismatches(row, action)).toEqual([]);
      });
    }
  }

  it('has a row for every (type, action) of the catalogue, and no row outside it', () => {
    const covered = new Set(rows.flatMap((row) => row.actions.map((a) => `${row.type}:${a}`)));
    const pairs = Object.entries(catalogue).flatMap(([type, actions]) =>
      actions.map((a) => `${type}:${a}`),
    );
    expect(pairs.filter((p) => !covered.has(p))).toEqual([]);
    expect([...covered].filter((p) => !pairs.includes(p))).toEqual([]);
    expect(pairs).toHaveLength(188);
  });

  it('names each pair once, so no row silently overrides another', () => {
    const seen = rows.flatMap((row) => row.actions.map((a) => `${row.type}:${a}`));
    expect(seen.filter((p, i) => seen.indexOf(p) !== i)).toEqual([]);
  });

  it('fails when a row is wrong (the table can fail)', () => {
    const wrong: Row = {
      type: 'workspace',
      actions: ['ssh'],
      S: ['owner', 'ownerBan'],
      O: ['oadmin'],
    };
    expect(mismatches(wrong, 'ssh')).toContain('oadmin ssh workspace (orgA): got false');
  });
});
