import {
  ACTIONS,
  type Engine,
  type EngineFactory,
  type ObjectSpec,
  type SubjectSpec,
} from './model.ts';
import type { Scenario } from './scenarios.ts';

/** Every disagreement between engines over all (subject, object, action) triples; empty if none. */
export async function disagreements(
  factories: readonly EngineFactory[],
  subjects: readonly SubjectSpec[],
  objects: readonly ObjectSpec[],
): Promise<string[]> {
  const found: string[] = [];
  for (const [s, subject] of subjects.entries()) {
    const engines: Engine[] = await Promise.all(factories.map((f) => f(subject, objects)));
    for (const [o] of objects.entries()) {
      for (const action of ACTIONS) {
        const answers = engines.map((e) => `${e.name}=${e.check(action, o)}`);
        if (new Set(answers.map((a) => a.split('=')[1])).size > 1) {
          found.push(`subject #${s}, object #${o}, ${action}: ${answers.join(' ')}`);
        }
      }
    }
  }
  return found;
}

/** Throws unless every engine reaches the scenario's expected decision on every object. */
export function assertScenario(scenario: Scenario, engines: readonly Engine[]): void {
  for (const engine of engines) {
    for (const [i] of scenario.objects.entries()) {
      if (engine.check(scenario.action, i) !== scenario.expected) {
        throw new Error(
          `peers bench: ${engine.name} says ${!scenario.expected} for "${scenario.name}" on object #${i}`,
        );
      }
    }
  }
}
