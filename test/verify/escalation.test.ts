import { describe, expect, it } from 'vitest';
import {
  type Action,
  authorize,
  catalogue,
  checkRoleEscalation,
  createSubject,
  defineRole,
  type ResourceType,
  type Role,
} from '../../src/rbac/index.ts';
import { grantObject, grantsOf, unheldGrants } from '../support/verify/held-check.ts';
import { Random } from '../support/verify/random.ts';
import { randomActor } from '../support/verify/random-actor.ts';
import { randomObject } from '../support/verify/random-object.ts';
import { randomPermissions } from '../support/verify/random-permission.ts';
import { verifyConfig } from '../support/verify/verify-config.ts';
import { planWorld, type WorldPlan } from '../support/verify/world-plan.ts';

// Custom role escalation: random roles proposed by random actors. Whatever the rbac check accepts
// grants only what the proposer holds, checked two ways: each permission at its level, and
// semantically (a subject holding only the new role, as the proposer, can do nothing on any
// object without ACLs that the proposer cannot).

const config = verifyConfig();
const world = planWorld(new Random(config.seed).fork(7), 12);

/** A proposal: few permissions, rare negatives and wildcards, in the orgs actors hold roles in. */
function proposal(random: Random, w: WorldPlan, n: number): Role {
  const hot = w.orgs.filter((o) => o.hot).map((o) => o.id);
  const options = { negate: 0.05, wildcard: 0.04 };
  const orgs = [...new Set(random.many(0, 2, () => random.pick([...hot, w.phantoms.org])))];
  return defineRole({
    name: random.chance(0.03)
      ? random.pick(['owner', 'organization-admin', 'member'])
      : `proposal-${n}`,
    site: random.chance(0.3) ? randomPermissions(random, 1, 2, options) : [],
    user: random.chance(0.3) ? randomPermissions(random, 1, 2, options) : [],
    byOrg: Object.fromEntries(
      orgs.map((org) => [
        org,
        {
          org: randomPermissions(random, 0, 2, options),
          member: randomPermissions(random, 0, 2, options),
        },
      ]),
    ),
  });
}

describe(`${config.proposals} random custom roles proposed by random actors (rbac check)`, () => {
  it('an accepted role grants only permissions the proposer holds at that level', () => {
    const random = new Random(config.seed).fork(8);
    let [accepted, rejected, semanticChecks] = [0, 0, 0];
    for (let n = 0; n < config.proposals; n++) {
      const actor = randomActor(random, world);
      const role = proposal(random, world, n);
      const violations = checkRoleEscalation(actor, role);
      if (violations.length > 0) {
        rejected++;
        continue;
      }
      accepted++;
      const context = JSON.stringify({ seed: config.seed, n, actor, role });
      expect(unheldGrants(actor, role), context).toEqual([]);
      const holder = createSubject({ id: actor.id, roles: [role], groups: [], scope: 'coder:all' });
      for (const grant of grantsOf(role)) {
        const type = grant.permission.type as ResourceType;
        const {
          aclUsers: _u,
          aclGroups: _g,
          ...other
        } = randomObject(random, world, type, actor.id);
        // An object at the grant's own level (with an id), and a random one.
        const objects = [{ ...grantObject(actor, grant), id: random.uuid() }, other];
        for (const action of catalogue[type] as readonly Action[]) {
          for (const object of objects) {
            if (!authorize(holder, action, object)) continue;
            semanticChecks++;
            expect(
              authorize(actor, action, object),
              `${context} ${action} ${JSON.stringify(object)}`,
            ).toBe(true);
          }
        }
      }
    }
    console.info(
      `[verify] escalation: ${accepted} accepted, ${rejected} rejected, ${semanticChecks} semantic checks`,
    );
    expect(accepted).toBeGreaterThan(config.proposals / 10);
    expect(rejected).toBeGreaterThan(config.proposals / 10);
    expect(semanticChecks).toBeGreaterThan(config.proposals / 10);
  }, 600_000);

  it('a rejected role names at least one grant the proposer does not hold (or a forbidden shape)', () => {
    const random = new Random(config.seed).fork(9);
    for (let n = 0; n < config.proposals / 3; n++) {
      const actor = randomActor(random, world);
      const role = proposal(random, world, n);
      const violations = checkRoleEscalation(actor, role);
      const reservedName = violations.some((v) => v.code === 'reserved_name');
      expect(violations.length > 0, JSON.stringify({ actor, role })).toBe(
        reservedName || unheldGrants(actor, role).length > 0,
      );
    }
  }, 600_000);
});
