import { createSubject, type Subject } from '../../../src/rbac/index.ts';
import type { Random } from './random.ts';
import { randomSubject } from './random-subject.ts';
import type { WorldPlan } from './world-plan.ts';

/** A random actor, half of them also holding an admin role (so proposals are often accepted). */
export function randomActor(random: Random, w: WorldPlan): Subject {
  const actor = randomSubject(random, w);
  if (random.chance(0.5)) return actor;
  const org = random.pick(w.orgs.filter((o) => o.hot)).id;
  const admin = random.pick([
    'owner',
    { name: 'organization-admin', org },
    { name: 'organization-template-admin', org },
  ] as const);
  return createSubject({ ...actor, roles: [...actor.roles, admin] });
}
