import { interleaveSync } from '../lib/interleave.ts';
import type { Measurement } from '../measure.ts';
import type { EngineFactory } from './model.ts';
import type { Scenario } from './scenarios.ts';
import { assertScenario } from './verify.ts';

/** One scenario's timings: one measurement per engine, in factory order. */
export interface ScenarioTiming {
  readonly scenario: string;
  readonly action: string;
  readonly expected: boolean;
  readonly engines: readonly Measurement[];
}

/** Builds every engine once, checks the expected decision everywhere, then times them interleaved. */
export async function timeScenario(
  scenario: Scenario,
  factories: readonly EngineFactory[],
  rounds: { rounds: number; warmup: number; sampleNs: number },
): Promise<ScenarioTiming> {
  const engines = await Promise.all(factories.map((f) => f(scenario.subject, scenario.objects)));
  assertScenario(scenario, engines);
  const size = scenario.objects.length;
  const variants = engines.map((engine) => {
    let i = 0;
    return {
      name: engine.name,
      fn: () => engine.check(scenario.action, i++ % size),
    };
  });
  return {
    scenario: scenario.name,
    action: scenario.action,
    expected: scenario.expected,
    engines: interleaveSync(variants, rounds),
  };
}

/**
 * Times a scaling series (e.g. 1 to 1,000 orgs): every engine of every scenario in ONE interleaved
 * loop, so load and drift hit every size alike (timing each size in its own window let two runs
 * disagree by 3x).
 */
export async function timeSeries(
  series: readonly Scenario[],
  factories: readonly EngineFactory[],
  rounds: { rounds: number; warmup: number; sampleNs: number },
): Promise<ScenarioTiming[]> {
  const built = [];
  for (const scenario of series) {
    const engines = await Promise.all(factories.map((f) => f(scenario.subject, scenario.objects)));
    assertScenario(scenario, engines);
    built.push({ scenario, engines });
  }
  const variants = built.flatMap(({ scenario, engines }) =>
    engines.map((engine) => {
      let i = 0;
      const size = scenario.objects.length;
      return {
        name: `${scenario.name} ${engine.name}`,
        fn: () => engine.check(scenario.action, i++ % size),
      };
    }),
  );
  const measured = interleaveSync(variants, rounds);
  return built.map(({ scenario }, s) => ({
    scenario: scenario.name,
    action: scenario.action,
    expected: scenario.expected,
    engines: measured.slice(s * factories.length, (s + 1) * factories.length),
  }));
}
