// Benchmarks of the pure rbac engine: authorize and prepare per subject kind, with the subject's
// compiled index cached (as in a request that checks many objects) and decisions not memoized.
import {
  authorize,
  createSubject,
  defaultAuthorizer,
  explain,
  object,
  prepare,
  type RbacObject,
  type ResourceType,
  type RoleRef,
  type Subject,
} from '../src/rbac/index.ts';
import { formatNs, type Measurement, measureSync } from './measure.ts';
import type { SuiteResult } from './run.ts';

const A = 'a0000000-0000-4000-8000-000000000001';
const inOrg = (name: string, org: string): RoleRef => ({ name, org });
const memberOf = (org: string): RoleRef[] => [
  inOrg('organization-member', org),
  inOrg('organization-workspace-access', org),
];
const uid = (n: number) => `u${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`;
const orgId = (n: number) => `o${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`;

interface Case {
  readonly name: string;
  readonly subject: Subject;
  readonly action: 'read' | 'use' | 'start';
  readonly type: ResourceType;
  /** Objects cycled through so the decision is not measured on one hot object. */
  readonly objects: readonly RbacObject[];
  readonly authorizeTargetNs: number;
}

const me = uid(1);
const ring = <T = RbacObject>(make: (i: number) => T): T[] =>
  Array.from({ length: 64 }, (_, i) => make(i));
const hundredOrgs = Array.from({ length: 100 }, (_, i) => orgId(i));

const cases: Case[] = [
  {
    name: 'member, own workspace',
    subject: createSubject({ id: me, roles: ['member', ...memberOf(A)] }),
    action: 'read',
    type: 'workspace',
    objects: ring((i) => object('workspace').withId(`w${i}`).withOwner(me).inOrg(A)),
    authorizeTargetNs: 1000,
  },
  {
    name: 'org admin, org workspace',
    subject: createSubject({
      id: me,
      roles: ['member', ...memberOf(A), inOrg('organization-admin', A)],
    }),
    action: 'read',
    type: 'workspace',
    objects: ring((i) =>
      object('workspace')
        .withId(`w${i}`)
        .withOwner(uid(i + 2))
        .inOrg(A),
    ),
    authorizeTargetNs: 1000,
  },
  {
    name: 'owner',
    subject: createSubject({ id: me, roles: ['owner', 'member'] }),
    action: 'read',
    type: 'workspace',
    objects: ring((i) =>
      object('workspace')
        .withId(`w${i}`)
        .withOwner(uid(i + 2))
        .inOrg(orgId(i)),
    ),
    authorizeTargetNs: 1000,
  },
  {
    name: 'roles in 100 orgs',
    subject: createSubject({
      id: me,
      roles: [
        'member',
        ...hundredOrgs.flatMap(memberOf),
        ...hundredOrgs.slice(0, 10).map((o) => inOrg('organization-admin', o)),
      ],
    }),
    action: 'read',
    type: 'workspace',
    objects: ring((i) =>
      object('workspace')
        .withId(`w${i}`)
        .withOwner(i % 2 ? me : uid(i))
        .inOrg(orgId((i * 37) % 100)),
    ),
    authorizeTargetNs: 2000,
  },
  {
    name: 'group ACL hit',
    subject: createSubject({
      id: me,
      roles: ['member', ...memberOf(A)],
      groups: ['g1', 'g2', 'g3', 'g4', 'g5'],
    }),
    action: 'use',
    type: 'template',
    objects: ring((i) =>
      object('template')
        .withId(`t${i}`)
        .inOrg(A)
        .withAclGroups({ g0: ['read'], g4: ['read', 'use'] }),
    ),
    authorizeTargetNs: 1000,
  },
  {
    name: 'scoped API key (composite + allow list)',
    subject: createSubject({
      id: me,
      roles: ['member', ...memberOf(A)],
      scope: {
        scopes: ['coder:workspaces.operate', 'coder:workspaces.access'],
        allowList: ring((i) => ({ type: 'workspace' as const, id: `w${i}` })),
      },
    }),
    action: 'start',
    type: 'workspace',
    objects: ring((i) => object('workspace').withId(`w${i}`).withOwner(me).inOrg(A)),
    authorizeTargetNs: 1000,
  },
];

const PREPARE_TARGET_NS = 20_000;

function check(c: Case): void {
  // Every case must decide what it claims (an allow), or the numbers measure a short cut.
  for (const o of c.objects) {
    if (!authorize(c.subject, c.action, o) && c.name !== 'roles in 100 orgs')
      throw new Error(`${c.name}: denied`);
  }
}

export default async function rbacBench(): Promise<SuiteResult> {
  const rows: {
    case: string;
    authorize: Measurement;
    prepare: Measurement;
    explain: Measurement;
    target: number;
  }[] = [];
  for (const c of cases) {
    check(c);
    defaultAuthorizer.compile(c.subject);
    let i = 0;
    const authorizeM = measureSync(`authorize: ${c.name}`, () =>
      authorize(c.subject, c.action, c.objects[i++ & 63]!),
    );
    const prepareM = measureSync(`prepare: ${c.name}`, () => prepare(c.subject, c.action, c.type), {
      batch: 200,
    });
    const explainM = measureSync(
      `explain: ${c.name}`,
      () => explain(c.subject, c.action, c.objects[i++ & 63]!),
      { batch: 100 },
    );
    rows.push({
      case: c.name,
      authorize: authorizeM,
      prepare: prepareM,
      explain: explainM,
      target: c.authorizeTargetNs,
    });
  }
  const compileMember = measureSync(
    'compile: member (cold)',
    () => defaultAuthorizer.compile({ ...cases[0]!.subject }),
    { batch: 50, samples: 100 },
  );
  const compileHundred = measureSync(
    'compile: roles in 100 orgs (cold)',
    () => defaultAuthorizer.compile({ ...cases[3]!.subject }),
    { batch: 5, samples: 60 },
  );
  const ok = (ns: number, target: number) =>
    ns <= target ? 'yes' : `**no** (${(ns / target).toFixed(1)}x)`;
  const lines = [
    '| case | authorize median | p99 | target | met | prepare median | met (<= 20 µs) | explain median |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.case} | ${formatNs(r.authorize.medianNs)} | ${formatNs(r.authorize.p99Ns)} | ${formatNs(r.target)} | ${ok(r.authorize.medianNs, r.target)} | ${formatNs(r.prepare.medianNs)} | ${ok(r.prepare.medianNs, PREPARE_TARGET_NS)} | ${formatNs(r.explain.medianNs)} |`,
    ),
    '',
    'Subject compile (once per subject object, then cached in a WeakMap):',
    '',
    '| case | median | p99 |',
    '| --- | --- | --- |',
    ...[compileMember, compileHundred].map(
      (m) => `| ${m.name} | ${formatNs(m.medianNs)} | ${formatNs(m.p99Ns)} |`,
    ),
    '',
    'authorize cycles through 64 distinct objects per case and memoizes no decision; explain is the',
    'slower diagnostic path and has no target.',
  ];
  return {
    title: 'rbac engine',
    markdown: lines.join('\n'),
    data: {
      cases: rows,
      compile: [compileMember, compileHundred],
      targets: { prepareNs: PREPARE_TARGET_NS },
    },
  };
}
