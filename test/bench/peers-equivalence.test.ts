import { describe, expect, it } from 'vitest';
import { casbin } from '../../bench/peers/casbin.ts';
import { casl } from '../../bench/peers/casl.ts';
import { ACTIONS } from '../../bench/peers/model.ts';
import { ours } from '../../bench/peers/ours.ts';
import { aclScaling, orgScaling, probes, scenarios } from '../../bench/peers/scenarios.ts';
import { disagreements } from '../../bench/peers/verify.ts';

const factories = [ours, casl, casbin];

describe('the peer rule sets of bench/peers decide like dbauthz', () => {
  it('agrees on every probe (subject, workspace, action), with allows and denies both present', async () => {
    expect(await disagreements(factories, probes.subjects, probes.objects)).toEqual([]);
    const engine = await casl(probes.subjects[0]!, probes.objects);
    const answers = probes.objects.flatMap((_, i) => ACTIONS.map((a) => engine.check(a, i)));
    expect(answers.filter(Boolean).length).toBeGreaterThan(10);
    expect(answers.filter((x) => !x).length).toBeGreaterThan(10);
  });

  it.each([...scenarios, orgScaling(1), orgScaling(100), aclScaling(1), aclScaling(100)])(
    'reaches the expected decision in "$name" with every engine',
    async (scenario) => {
      for (const factory of factories) {
        const engine = await factory(scenario.subject, scenario.objects);
        const decisions = scenario.objects.map((_, i) => engine.check(scenario.action, i));
        expect(new Set(decisions), engine.name).toEqual(new Set([scenario.expected]));
      }
    },
  );

  it('denies an ACL share of a workspace in an org the subject does not belong to, in every engine', async () => {
    const subject = {
      id: probes.subjects[3]!.id,
      owner: false,
      memberOrgs: [],
      adminOrgs: [],
      groups: [],
    };
    const shared = { ...probes.objects[4]! };
    for (const factory of factories) {
      expect((await factory(subject, [shared])).check('read', 0)).toBe(false);
    }
  });
});
