// The timed scenarios and scaling series: a subject, a ring of workspaces (so no single hot
// object is measured), the action and the decision every engine must reach.
import { groupId, orgId, userId, workspaceId } from './ids.ts';
import type { ObjectSpec, PeerAction, SubjectSpec } from './model.ts';

/** One timed check: the subject asks `action` on each object of the ring in turn. */
export interface Scenario {
  readonly name: string;
  readonly subject: SubjectSpec;
  readonly objects: readonly ObjectSpec[];
  readonly action: PeerAction;
  readonly expected: boolean;
}

const ME = userId(0);
const A = orgId(1);
const B = orgId(2);
const groups = [1, 2, 3, 4, 5].map(groupId);

const subject = (over: Partial<SubjectSpec>): SubjectSpec => ({
  id: ME,
  owner: false,
  memberOrgs: [],
  adminOrgs: [],
  groups: [],
  ...over,
});

const ring = (size: number, make: (i: number) => Partial<ObjectSpec>): ObjectSpec[] =>
  Array.from({ length: size }, (_, i) => ({
    id: workspaceId(i),
    owner: userId(i + 1),
    org: A,
    aclUsers: {},
    aclGroups: {},
    ...make(i),
  }));

/** The five scenarios of issue 7, each on a ring of 64 workspaces. */
export const scenarios: readonly Scenario[] = [
  {
    name: 'member, own workspace',
    subject: subject({ memberOrgs: [A] }),
    objects: ring(64, () => ({ owner: ME })),
    action: 'read',
    expected: true,
  },
  {
    name: 'org admin, org workspace',
    subject: subject({ memberOrgs: [A], adminOrgs: [A] }),
    objects: ring(64, () => ({})),
    action: 'update',
    expected: true,
  },
  {
    name: 'non-member (deny, half shared by ACL)',
    subject: subject({ memberOrgs: [B], groups }),
    objects: ring(64, (i) => ({ aclUsers: i % 2 ? { [ME]: ['read'] } : {} })),
    action: 'read',
    expected: false,
  },
  {
    name: 'group ACL share',
    subject: subject({ memberOrgs: [A], groups }),
    objects: ring(64, () => ({
      aclGroups: { [groupId(9)]: ['read'], [groups[3]!]: ['read', 'ssh'] },
    })),
    action: 'ssh',
    expected: true,
  },
  {
    name: 'owner',
    subject: subject({ owner: true }),
    objects: ring(64, (i) => ({ org: orgId(i) })),
    action: 'delete',
    expected: true,
  },
];

/** Member of `n` orgs reading own workspaces spread over those orgs. */
export function orgScaling(n: number): Scenario {
  const orgs = Array.from({ length: n }, (_, i) => orgId(100 + i));
  return {
    name: `${n} orgs`,
    subject: subject({ memberOrgs: orgs }),
    objects: ring(64, (i) => ({ owner: ME, org: orgs[(i * 37) % n]! })),
    action: 'read',
    expected: true,
  };
}

/** Member of one org reading others' workspaces shared with it among `n` user ACL entries. */
export function aclScaling(n: number): Scenario {
  const acl: Record<string, string[]> = {};
  for (let i = 0; i < n - 1; i++) acl[userId(1000 + i)] = ['read', 'update'];
  acl[ME] = ['read'];
  // Re-insert the others after ours so our entry sits mid-map, not conveniently first or last.
  const entries = Object.entries(acl);
  const middle = Math.floor(entries.length / 2);
  const shuffled = Object.fromEntries([...entries.slice(middle), ...entries.slice(0, middle)]);
  return {
    name: `${n} ACL entries`,
    subject: subject({ memberOrgs: [A] }),
    objects: ring(8, () => ({ aclUsers: shuffled })),
    action: 'read',
    expected: true,
  };
}

/** Subjects and objects whose every (subject, object, action) triple all engines must agree on. */
export const probes: { subjects: SubjectSpec[]; objects: ObjectSpec[] } = {
  subjects: [
    subject({ memberOrgs: [A], groups: [groups[0]!] }),
    subject({ memberOrgs: [A], adminOrgs: [A] }),
    subject({ owner: true }),
    subject({ memberOrgs: [B], groups: [groups[0]!] }),
    subject({ memberOrgs: [A, B], adminOrgs: [B], groups }),
    subject({}),
  ],
  objects: ring(1, () => ({})).flatMap((base) =>
    [
      { owner: ME },
      {},
      { owner: ME, org: B },
      { org: B },
      { aclUsers: { [ME]: ['read'] } },
      { aclUsers: { [ME]: ['*'], [userId(7)]: ['read'] } },
      { aclGroups: { [groups[0]!]: ['read', 'ssh'] } },
      { aclGroups: { [A]: ['*'] } },
      { org: B, aclGroups: { [B]: ['update'] } },
      { org: B, aclUsers: { [ME]: ['read'] } },
      { aclGroups: { [groups[4]!]: ['share'], [B]: ['*'] } },
    ].map((over, i) => ({ ...base, id: workspaceId(500 + i), ...over })),
  ),
};
