import { describe, expect, it } from 'vitest';
import { apiKeyColumns } from '../../src/dbauthz/resources/api-keys.ts';
import { organizationColumns } from '../../src/dbauthz/resources/organizations.ts';
import { templateColumns } from '../../src/dbauthz/resources/templates.ts';
import { userColumns } from '../../src/dbauthz/resources/users.ts';
import { workspaceColumns } from '../../src/dbauthz/resources/workspaces.ts';
import {
  type Action,
  authorize,
  catalogue,
  createSubject,
  evaluatePredicate,
  prepare,
  type RbacObject,
  type ResourceType,
  resourceTypes,
  type Subject,
} from '../../src/rbac/index.ts';
import { compileFilter } from '../../src/sql/compile-filter.ts';
import { Random } from '../support/verify/random.ts';
import { randomObject } from '../support/verify/random-object.ts';
import { hotTypes } from '../support/verify/random-permission.ts';
import { randomSubject } from '../support/verify/random-subject.ts';
import { verifyConfig } from '../support/verify/verify-config.ts';
import { planWorld } from '../support/verify/world-plan.ts';

// Fail closed: no prepared predicate is ever wider than authorize, and every "nothing" input
// (no roles, unknown type or action, empty scope, empty allow list, missing columns) denies in
// both evaluators and compiles to a filter that selects nothing.

const config = verifyConfig();
const world = planWorld(new Random(config.seed).fork(3), 12);
const pairs = resourceTypes.flatMap((type) =>
  (catalogue[type] as readonly Action[]).map((action) => ({ type, action })),
);
const tableColumns = [
  userColumns,
  organizationColumns,
  templateColumns,
  workspaceColumns,
  apiKeyColumns,
];

describe(`${config.policies} random policies (subject x action x type), in memory`, () => {
  it('the prepared predicate never allows an object authorize denies (and agrees on every object)', () => {
    const random = new Random(config.seed).fork(4);
    const perSubject = 10;
    let [allowedCount, deniedCount, wider, narrower] = [0, 0, 0, 0];
    let first: string | undefined;
    for (let p = 0; p < config.policies; p += perSubject) {
      const subject = randomSubject(random, world);
      for (let q = 0; q < perSubject; q++) {
        const type = random.chance(0.7) ? random.pick(hotTypes) : random.pick(resourceTypes);
        const action = random.pick(catalogue[type] as readonly Action[]);
        const predicate = prepare(subject, action, type);
        for (let o = 0; o < 5; o++) {
          const object = randomObject(random, world, type, subject.id);
          const sql = evaluatePredicate(predicate, object);
          const memory = authorize(subject, action, object);
          if (memory) allowedCount++;
          else deniedCount++;
          if (sql !== memory) {
            if (sql) wider++;
            else narrower++;
            first ??= JSON.stringify({
              seed: config.seed,
              policy: p + q,
              subject,
              action,
              object,
              predicate,
            });
          }
        }
      }
    }
    expect({ wider, narrower, first }).toEqual({ wider: 0, narrower: 0, first: undefined });
    // Not vacuous: both answers are frequent.
    expect(allowedCount).toBeGreaterThan(config.policies / 2);
    expect(deniedCount).toBeGreaterThan(config.policies / 2);
  }, 600_000);
});

/** Asserts `subject` is denied every catalogue pair, in both evaluators and in every table's SQL. */
function expectDeniesEverything(subject: Subject, objects: (type: ResourceType) => RbacObject[]) {
  const leaks: string[] = [];
  for (const { type, action } of pairs) {
    const predicate = prepare(subject, action, type);
    if (predicate.op !== 'false')
      leaks.push(`prepare ${type}:${action} = ${JSON.stringify(predicate)}`);
    for (const object of objects(type)) {
      if (authorize(subject, action, object))
        leaks.push(`authorize ${type}:${action} ${JSON.stringify(object)}`);
    }
    for (const columns of tableColumns) {
      if (compileFilter(predicate, columns).kind !== 'none') leaks.push(`sql ${type}:${action}`);
    }
  }
  expect(leaks.slice(0, 5)).toEqual([]);
}

describe('nothing in, nothing allowed', () => {
  const random = new Random(config.seed).fork(5);
  const user = world.users[0]!.id;
  const objects = (type: ResourceType) => [
    { type },
    ...Array.from({ length: 3 }, () => randomObject(random, world, type, user)),
  ];
  const org = world.orgs[0]!.id;
  const groups = [world.groups[0]!.id, org];

  it('an empty rule set (no roles) denies every pair, even objects it owns or is in an ACL of', () => {
    expectDeniesEverything(createSubject({ id: user, roles: [], groups }), objects);
  });

  it('an empty scope list denies every pair, even for an owner', () => {
    const owner = createSubject({
      id: user,
      roles: ['owner', { name: 'organization-admin', org }],
      groups,
      scope: { scopes: [] },
    });
    expectDeniesEverything(owner, objects);
  });

  it('an empty stored allow list denies every pair, even under coder:all', () => {
    const owner = createSubject({
      id: user,
      roles: ['owner'],
      groups,
      scope: { scopes: ['coder:all'], allowList: [] },
    });
    expectDeniesEverything(owner, objects);
  });

  it('disjoint allow lists of merged scopes intersect to nothing', () => {
    const scope = {
      scopes: [
        {
          name: 'only-a',
          role: {
            name: 'r',
            site: [{ type: '*', action: '*', negate: false }],
            user: [],
            byOrg: {},
          },
          allowList: [{ type: 'workspace', id: world.workspaces[0]!.id }],
        },
      ],
      allowList: [{ type: 'workspace' as const, id: world.workspaces[1]!.id }],
    } as const;
    const owner = createSubject({ id: user, roles: ['owner'], scope: scope as never });
    expectDeniesEverything(owner, objects);
  });

  it('unknown types and actions deny in both evaluators, and compile to no rows', () => {
    const owner = createSubject({ id: user, roles: ['owner'] });
    const unknown: [string, string][] = [
      ['not_a_type', 'read'],
      ['workspace', 'not_an_action'],
      ['workspace', '*'],
      ['*', 'read'],
      ['template', 'ssh'], // a real action of another type
      ['', ''],
    ];
    for (const [type, action] of unknown) {
      const predicate = prepare(owner, action as Action, type as ResourceType);
      expect(predicate, `${type}:${action}`).toEqual({ op: 'false' });
      expect(authorize(owner, action as Action, { type: type as ResourceType, id: 'x' })).toBe(
        false,
      );
      for (const columns of tableColumns)
        expect(compileFilter(predicate, columns).kind).toBe('none');
    }
  });

  it('a missing owner (undefined, null, empty) grants exactly what a stranger owner does', () => {
    const rand = new Random(config.seed).fork(6);
    let checked = 0;
    for (let i = 0; i < 2000; i++) {
      const subject = randomSubject(rand, world);
      const type = rand.pick(hotTypes);
      const action = rand.pick(catalogue[type] as readonly Action[]);
      const object = randomObject(rand, world, type, subject.id);
      const stranger = authorize(subject, action, { ...object, owner: rand.uuid() });
      for (const owner of [undefined, null, '']) {
        const o = { ...object, owner } as unknown as RbacObject;
        expect(authorize(subject, action, o), JSON.stringify({ subject, action, o })).toBe(
          stranger,
        );
        expect(evaluatePredicate(prepare(subject, action, type), o)).toBe(stranger);
        checked++;
      }
    }
    expect(checked).toBe(6000);
  });

  it('a column a table lacks compiles to false, and so does a value no uuid column can equal', () => {
    const userId = world.users[0]!.id;
    expect(compileFilter({ op: 'eq', field: 'org', value: org }, userColumns).kind).toBe('none');
    expect(
      compileFilter({ op: 'eq', field: 'owner', value: userId }, organizationColumns).kind,
    ).toBe('none');
    expect(
      compileFilter(
        { op: 'acl', acl: 'user', keys: [userId], orgKey: true, action: 'read' },
        userColumns,
      ).kind,
    ).toBe('none');
    for (const value of ['', userId.toUpperCase(), "x' or 1=1 --", 'alice']) {
      expect(compileFilter({ op: 'eq', field: 'id', value }, workspaceColumns).kind, value).toBe(
        'none',
      );
    }
  });
});
