// Per-request cost of a fresh subject: what a loader does on every request. Role values come from
// the library's own builders (`organizationMemberRole`, a custom role through `defineOrgRole`),
// exactly as the subject loader builds them; then `createSubject` and the first `authorize`, which
// compiles the subject. Every call builds a new subject and a new custom role object (so its
// compile goes through the content key); the built-in builders may hand back a value they bound
// recently, as they do in a running process, and caches keyed by role content are warm.
import {
  authorize,
  createSubject,
  defineOrgRole,
  object,
  organizationMemberRole,
  permissions,
  type RoleRef,
} from '../src/rbac/index.ts';
import { pick } from './lib/env.ts';
import { interleaveSync } from './lib/interleave.ts';
import { table, verdict } from './lib/markdown.ts';
import { formatNs, type Measurement } from './measure.ts';
import type { SuiteResult } from './run.ts';

const me = 'u0000001-0000-4000-8000-000000000000';
const orgId = (n: number) => `o${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`;

/** Goals of the issue "Per-request cost", per org count: createSubject plus first compile. */
const GOALS_NS: Readonly<Record<number, number>> = { 1: 15_000, 10: 100_000, 100: 1_000_000 };
const ORG_COUNTS = [1, 10, 100] as const;

/** The roles a loader builds for a member of `orgs` orgs: built-ins by value and name, one custom role. */
function loaderRoles(orgs: readonly string[]): RoleRef[] {
  const roles: RoleRef[] = ['member'];
  for (const org of orgs) {
    roles.push(organizationMemberRole(org, 'everyone'));
    roles.push({ name: 'organization-workspace-access', org });
  }
  // A custom role converted from its row (as `customRoleValue` does, minus the zod row parse).
  roles.push(
    defineOrgRole({
      name: 'template-reviewer',
      org: orgs[0]!,
      orgPerms: permissions({ template: ['read', 'view_insights'], audit_log: ['read'] }),
    }),
  );
  return roles;
}

function freshSubjectDecision(orgs: readonly string[]): boolean {
  const subject = createSubject({
    id: me,
    roles: loaderRoles(orgs),
    groups: ['g1', 'g2'],
    type: 'user',
  });
  return authorize(subject, 'read', object('workspace').withId('w1').withOwner(me).inOrg(orgs[0]!));
}

/** Times, interleaved: role building alone, and building + createSubject + first decision. */
export default async function subjectCompileBench(): Promise<SuiteResult> {
  const orgSets = ORG_COUNTS.map((n) => Array.from({ length: n }, (_, i) => orgId(i)));
  for (const orgs of orgSets) {
    // The decision must be the allow it claims, or the numbers measure a short cut.
    if (!freshSubjectDecision(orgs)) throw new Error(`${orgs.length} orgs: denied`);
  }
  const variants = orgSets.flatMap((orgs) => [
    { name: `build roles, ${orgs.length} orgs`, fn: () => loaderRoles(orgs) },
    { name: `fresh subject, ${orgs.length} orgs`, fn: () => freshSubjectDecision(orgs) },
  ]);
  const measured = interleaveSync(variants, {
    rounds: pick(400, 40),
    warmup: pick(40, 5),
    sampleNs: 200_000,
  });
  const rows = ORG_COUNTS.map((n, i) => {
    const build = measured[2 * i]!;
    const total = measured[2 * i + 1]!;
    const compileNs = Math.max(0, total.medianNs - build.medianNs);
    return { orgs: n, build, total, compileNs, goalNs: GOALS_NS[n]! };
  });
  const markdown = [
    table(
      [
        'orgs',
        'build roles (median)',
        'build + createSubject + first authorize (median)',
        'p99',
        'compile = difference',
        'goal',
      ],
      rows.map((r) => [
        String(r.orgs),
        formatNs(r.build.medianNs),
        formatNs(r.total.medianNs),
        formatNs(r.total.p99Ns),
        formatNs(r.compileNs),
        verdict(r.compileNs <= r.goalNs, `<= ${formatNs(r.goalNs)}`),
      ]),
    ),
    '',
    'Roles per subject: `member`, then per org `organizationMemberRole(org)` (a value) and',
    '`organization-workspace-access` (a name), plus one custom org role built by `defineOrgRole`.',
    'Every call builds new role objects and a new subject; variants are interleaved round by round.',
  ].join('\n');
  const data: { orgs: number; build: Measurement; total: Measurement; compileNs: number }[] =
    rows.map(({ orgs, build, total, compileNs }) => ({ orgs, build, total, compileNs }));
  return { title: 'fresh subject compile', markdown, data: { rows: data, goalsNs: GOALS_NS } };
}
