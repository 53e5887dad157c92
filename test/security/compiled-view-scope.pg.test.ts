import { describe, expect, it } from 'vitest';
import {
  ALLOW_ALL,
  createAuthorizer,
  createSubject,
  defaultAuthorizer,
  defineRole,
  object,
  ownerRole,
  type Scope,
} from '../../src/index.ts';

// Attack: compile(subject) must hand out a view whose mutable parts are copies. A subject whose
// scope is a Scope value (not a name, not { scopes }) resolves through validScope
// (src/rbac/scope-spec.ts), which returns a fresh, UNFROZEN { name, role, allowList } object.
// publicView (src/rbac/authorizer.ts) spreads compiled shallowly, so view.scope IS the engine's
// compiled.scope: writing view.scope.role swaps the scope role explain() decides on.

const ALICE = '00000000-0000-4000-8000-0000000000a1';
const BOB = '00000000-0000-4000-8000-0000000000b1';
const ORG = '00000000-0000-4000-8000-0000000000aa';

function narrowKey() {
  // An owner acting through an API key whose scope allows nothing (a custom scope with an empty role).
  const scope: Scope = {
    name: 'nothing',
    role: defineRole({ name: 'Scope_nothing' }),
    allowList: ALLOW_ALL,
  } as Scope;
  return createSubject({ id: ALICE, roles: ['owner'], scope });
}

describe('compile() view: scope is shared with the engine', () => {
  for (const [name, make] of [
    ['createAuthorizer()', () => createAuthorizer()],
    ['defaultAuthorizer', () => defaultAuthorizer],
  ] as const) {
    it(`${name}: view.scope is frozen`, () => {
      const authz = make();
      const view = authz.compile(narrowKey());
      expect(Object.isFrozen(view.scope)).toBe(true);
    });

    it(`${name}: writing view.scope.role does not change explain() decisions`, () => {
      const authz = make();
      const key = narrowKey();
      const ws = object('workspace').withId(ORG).withOwner(BOB).inOrg(ORG);
      expect(authz.authorize(key, 'delete', ws)).toBe(false);
      expect(authz.explain(key, 'delete', ws).allowed).toBe(false);
      const view = authz.compile(key);
      try {
        (view.scope as { role: unknown }).role = ownerRole();
        (view.scope as { name: string }).name = 'coder:all';
      } catch {
        /* a frozen view would throw in strict mode */
      }
      expect(authz.explain(key, 'delete', ws).allowed).toBe(false);
      expect(authz.authorize(key, 'delete', ws)).toBe(false);
    });
  }
});
