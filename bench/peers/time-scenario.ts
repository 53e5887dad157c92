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
