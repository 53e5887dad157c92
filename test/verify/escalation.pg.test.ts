import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { declarations } from '../../src/dbauthz/methods/index.ts';
import { type Action, authorize, hasErrorCode } from '../../src/rbac/index.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { grantObject } from '../support/verify/held-check.ts';
import { insertWorld } from '../support/verify/insert-world.ts';
import { Random } from '../support/verify/random.ts';
import { randomActor } from '../support/verify/random-actor.ts';
import { randomPermissions } from '../support/verify/random-permission.ts';
import { verifyConfig } from '../support/verify/verify-config.ts';
import { planWorld, type WorldPlan } from '../support/verify/world-plan.ts';

// Custom role escalation through the authorized store: random org roles inserted by random actors.
// Whatever the store accepts grants only org and member permissions the actor holds in that org;
// whatever it refuses is a typed error and leaves no row.

const config = verifyConfig();
const proposals = config.large ? 2000 : 300;
const declared = (declarations as Record<string, unknown>).insertCustomRole !== undefined;

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let world: WorldPlan;

beforeAll(async () => {
  world = planWorld(new Random(config.seed).fork(11), 12);
  await insertWorld(database.db, world);
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
});

describe.skipIf(!declared)(
  `${proposals} custom roles proposed through store.insertCustomRole`,
  () => {
    it('stores only roles whose every permission the proposer holds at its level', async () => {
      const random = new Random(config.seed).fork(12);
      const hot = world.orgs.filter((o) => o.hot).map((o) => o.id);
      const codes: Record<string, number> = {};
      let accepted = 0;
      for (let n = 0; n < proposals; n++) {
        const actor = randomActor(random, world);
        const organizationId = random.chance(0.9) ? random.pick(hot) : random.pick(world.orgs).id;
        const options = { negate: 0.05, wildcard: 0.04 };
        const input = {
          organizationId,
          name: `verify-proposal-${n}`,
          orgPermissions: randomPermissions(random, 0, 3, options),
          memberPermissions: randomPermissions(random, 0, 2, options),
        };
        const context = JSON.stringify({ seed: config.seed, n, actor, input });
        const outcome = await store
          .as(actor)
          .insertCustomRole(input)
          .then(
            () => 'stored',
            (error: unknown) => {
              expect(hasErrorCode(error), `${context}: ${String(error)}`).toBe(true);
              return (error as { code: string }).code;
            },
          );
        codes[outcome] = (codes[outcome] ?? 0) + 1;
        const rows = await raw.getCustomRolesByNames({
          roles: [{ organizationId, name: input.name }],
        });
        expect(rows.length, context).toBe(outcome === 'stored' ? 1 : 0);
        if (outcome !== 'stored') continue;
        accepted++;
        const grants = [
          ...input.orgPermissions.map((permission) => ({
            level: 'org' as const,
            org: organizationId,
            permission,
          })),
          ...input.memberPermissions.map((permission) => ({
            level: 'member' as const,
            org: organizationId,
            permission,
          })),
        ];
        for (const grant of grants) {
          const { permission } = grant;
          expect(
            permission.negate || permission.type === '*' || permission.action === '*',
            context,
          ).toBe(false);
          expect(
            authorize(actor, permission.action as Action, grantObject(actor, grant)),
            context,
          ).toBe(true);
        }
      }
      console.info(`[verify] store escalation: ${JSON.stringify(codes)}`);
      expect(accepted).toBeGreaterThan(proposals / 20);
      expect(proposals - accepted).toBeGreaterThan(proposals / 20);
    }, 120_000);
  },
);
