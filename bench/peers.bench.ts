// Single decisions, ours (`authorize`) against CASL and node-casbin on equivalent rule sets, plus
// scaling in the subject's organizations and an object's ACL. Every rule set and subject is built
// once, outside the timed loop; all engines must agree on a probe matrix before anything is timed.

import { pick, QUICK } from './lib/env.ts';
import { ratio, table, verdict } from './lib/markdown.ts';
import { formatNs } from './measure.ts';
import { casbin } from './peers/casbin.ts';
import { casl } from './peers/casl.ts';
import { ours } from './peers/ours.ts';
import { aclScaling, orgScaling, probes, scenarios } from './peers/scenarios.ts';
import { type ScenarioTiming, timeScenario, timeSeries } from './peers/time-scenario.ts';
import { disagreements } from './peers/verify.ts';
import type { SuiteResult } from './run.ts';

const factories = [ours, casl, casbin];
const ROUNDS = { rounds: pick(3000, 300), warmup: pick(300, 30), sampleNs: 20_000 };
const ORG_SIZES = [1, 10, 100, 1000];
const ACL_SIZES = [1, 100, 10_000];

function scenarioRows(timings: readonly ScenarioTiming[]) {
  return timings.map((t) => {
    const [mine, ...peers] = t.engines;
    const fastest = Math.min(...peers.map((p) => p.medianNs));
    const cells = t.engines.flatMap((m) => [
      `${formatNs(m.medianNs)} / ${formatNs(m.p99Ns)}`,
      `${(m.opsPerSec / 1e6).toFixed(2)} M`,
    ]);
    const vsPeer = mine!.medianNs / fastest;
    return {
      met: vsPeer <= 1,
      cells: [
        `${t.scenario} (${t.action}: ${t.expected ? 'allow' : 'deny'})`,
        ...cells,
        verdict(vsPeer <= 1, `${ratio(vsPeer)} of fastest peer`),
      ],
    };
  });
}

function scalingRows(series: readonly ScenarioTiming[]) {
  const first = series[0]!;
  return series.map((t) => [
    t.scenario,
    ...t.engines.map(
      (m, i) => `${formatNs(m.medianNs)} (${ratio(m.medianNs / first.engines[i]!.medianNs)})`,
    ),
  ]);
}

/** Runs the peers suite. */
export default async function peersBench(): Promise<SuiteResult> {
  const found = await disagreements(factories, probes.subjects, probes.objects);
  if (found.length > 0) {
    throw new Error(`peers bench: engines disagree:\n${found.slice(0, 20).join('\n')}`);
  }
  const probeCount = probes.subjects.length * probes.objects.length * 6;
  const timings: ScenarioTiming[] = [];
  for (const s of scenarios) timings.push(await timeScenario(s, factories, ROUNDS));
  const orgs = await timeSeries(ORG_SIZES.map(orgScaling), factories, ROUNDS);
  const acls = await timeSeries(ACL_SIZES.map(aclScaling), factories, ROUNDS);

  const rows = scenarioRows(timings);
  const growth = (series: ScenarioTiming[]) =>
    series.at(-1)!.engines[0]!.medianNs / series[0]!.engines[0]!.medianNs;
  const orgGrowth = growth(orgs);
  const aclGrowth = growth(acls);
  const names = factories.map((f) =>
    f.name === 'ours' ? 'dbauthz' : f.name === 'casl' ? 'CASL' : 'casbin',
  );
  const markdown = [
    `All three engines agreed on ${probeCount} (subject, workspace, action) probes and on every object of every scenario before timing.`,
    `Each cell: median / p99 ns per check (a sample is the mean of as many checks as take ~20 µs, calibrated per engine; so p99 is a tail of 20 µs windows, not of single checks), then checks per second (median). ${ROUNDS.rounds} samples per engine, engines interleaved sample by sample.${QUICK ? ' **BENCH_QUICK run.**' : ''}`,
    '',
    table(
      [
        'scenario',
        ...names.flatMap((n) => [`${n} median / p99`, `${n} checks/s`]),
        'goal: <= fastest peer',
      ],
      rows.map((r) => r.cells),
    ),
    '',
    'Scaling (median per check, and growth from the first row):',
    '',
    table(['subject in', ...names], scalingRows(orgs)),
    '',
    table(['object with', ...names], scalingRows(acls)),
    '',
    `Each series is timed in one interleaved loop (every size and engine sample by sample). Goal, at most 1.5x from 1 to 1,000 orgs: ${verdict(orgGrowth <= 1.5, ratio(orgGrowth))}. From 1 to 10,000 ACL entries: ${verdict(aclGrowth <= 2, ratio(aclGrowth))}.`,
  ].join('\n');
  return {
    title: 'peers: single decisions, dbauthz vs CASL vs casbin',
    markdown,
    data: {
      probes: probeCount,
      scenarios: timings,
      orgScaling: orgs,
      aclScaling: acls,
      goals: {
        fastestOnEveryScenario: rows.every((r) => r.met),
        orgGrowth,
        aclGrowth,
      },
    },
  };
}
