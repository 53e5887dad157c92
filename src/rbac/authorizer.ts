import type { AllowListIndex } from './allow-list.ts';
import type { Action, ResourceType } from './catalogue.ts';
import { type CompiledSubject, compileSubject, type LevelVotes, type OrgVotes } from './compile.ts';
import { decide } from './decide.ts';
import { InvalidPolicyError } from './errors.ts';
import { type Explanation, explainDecision } from './explain.ts';
import { preparePredicate } from './prepare.ts';
import { createRoleRegistry, type RoleRegistryOptions } from './role-registry.ts';
import type { Authorizer, Predicate, RbacObject, Subject } from './types.ts';

/** Options of `createAuthorizer`: the deployment's `RoleOptions` and custom roles by name. */
export type AuthorizerOptions = RoleRegistryOptions;

/** The engine: both evaluators plus `explain`, over one role registry. */
export interface RbacAuthorizer extends Authorizer {
  /** The same decision as `authorize`, with its reason. Slower; use it for logs and debugging. */
  explain(subject: Subject, action: Action, object: RbacObject): Explanation;
  /**
   * The subject expanded and indexed (cached per subject object; the same object each time),
   * frozen, its vote arrays copies; throws `InvalidPolicyError`.
   */
  compile(subject: Subject): CompiledSubject;
}

const views = new WeakMap<CompiledSubject, CompiledSubject>();

/** A copy of `votes` no other subject shares (typed arrays cannot be frozen). */
function copyVotes(votes: LevelVotes): LevelVotes {
  const orgs = new Map<string, OrgVotes>();
  for (const [org, v] of votes.orgs)
    orgs.set(org, Object.freeze({ org: v.org.slice(), member: v.member.slice() }));
  return Object.freeze({ site: votes.site.slice(), user: votes.user.slice(), orgs });
}

/** A copy of an allow-list index, frozen (the engine keeps deciding on its own). */
function copyAllowList(index: AllowListIndex): AllowListIndex {
  const byType = new Map<string, ReadonlySet<string>>();
  for (const [type, ids] of index.byType) byType.set(type, new Set(ids));
  return Object.freeze({
    all: index.all,
    types: new Set(index.types),
    ids: new Set(index.ids),
    byType,
    creates: new Set(index.creates),
  });
}

/**
 * What `compile` hands its caller: the compiled subject (one object per subject, so it can key a
 * cache), frozen, with every mutable part (vote arrays, allow list and its predicate cache) copied
 * on first read. Equal roles share their compiled votes across subjects and authorizers, and the
 * allow list decides every later call of the subject, so a write into the engine's own state
 * would change decisions; the engine decides on the originals, which never leave it.
 */
function publicView(compiled: CompiledSubject): CompiledSubject {
  let view = views.get(compiled);
  if (view === undefined) {
    let roleVotes: LevelVotes | undefined;
    let scopeVotes: LevelVotes | undefined;
    let allowList: AllowListIndex | undefined;
    let allowListPredicates: Map<string, Predicate> | undefined;
    const fresh = { ...compiled };
    Object.defineProperties(fresh, {
      roleVotes: { get: () => (roleVotes ??= copyVotes(compiled.roleVotes)), enumerable: true },
      scopeVotes: { get: () => (scopeVotes ??= copyVotes(compiled.scopeVotes)), enumerable: true },
      allowList: { get: () => (allowList ??= copyAllowList(compiled.allowList)), enumerable: true },
      allowListPredicates: {
        get: () => (allowListPredicates ??= new Map(compiled.allowListPredicates)),
        enumerable: true,
      },
    });
    view = Object.freeze(fresh);
    views.set(compiled, view);
  }
  return view;
}

function checkObject(object: RbacObject): void {
  if (typeof object !== 'object' || object === null || typeof object.type !== 'string') {
    throw new InvalidPolicyError('an object needs a string type');
  }
}

/**
 * Creates an authorizer bound to the built-in roles (for `options.roleOptions`) plus
 * `options.customRoles`. Each subject is compiled once and cached in a WeakMap keyed by the
 * subject object, so treat subjects as immutable (`createSubject` freezes them).
 * @example
 * const authz = createAuthorizer({ roleOptions: { noOwnerWorkspaceExec: true } });
 * authz.authorize(alice, 'read', object('workspace').withOwner(alice.id).inOrg(orgId));
 */
export function createAuthorizer(options: AuthorizerOptions = {}): RbacAuthorizer {
  const registry = createRoleRegistry(options);
  const cache = new WeakMap<Subject, CompiledSubject>();
  const compile = (subject: Subject): CompiledSubject => {
    if (typeof subject !== 'object' || subject === null) {
      throw new InvalidPolicyError('a subject must be an object');
    }
    let compiled = cache.get(subject);
    if (compiled === undefined) {
      compiled = compileSubject(subject, registry);
      cache.set(subject, compiled);
    }
    return compiled;
  };
  return {
    compile: (subject) => publicView(compile(subject)),
    authorize(subject, action, object) {
      const compiled = compile(subject);
      checkObject(object);
      return decide(compiled, action, object);
    },
    prepare(subject, action, type: ResourceType): Predicate {
      return preparePredicate(compile(subject), action, type);
    },
    explain(subject, action, object) {
      const compiled = compile(subject);
      checkObject(object);
      return explainDecision(compiled, action, object);
    },
  };
}

/** The authorizer over the default built-in roles (all `RoleOptions` off, no custom roles). */
export const defaultAuthorizer: RbacAuthorizer = createAuthorizer();

/**
 * May `subject` do `action` on `object`? Uses the default authorizer; unknown types or actions
 * deny; a malformed subject, role or scope throws `InvalidPolicyError`.
 * @example authorize(subject, 'read', object('workspace').withOwner(subject.id).inOrg(org))
 */
export function authorize(subject: Subject, action: Action, object: RbacObject): boolean {
  return defaultAuthorizer.authorize(subject, action, object);
}

/** The predicate rows of `type` must satisfy for `subject` to do `action` (default authorizer). */
export function prepare(subject: Subject, action: Action, type: ResourceType): Predicate {
  return defaultAuthorizer.prepare(subject, action, type);
}

/** `authorize` with its reason (default authorizer). */
export function explain(subject: Subject, action: Action, object: RbacObject): Explanation {
  return defaultAuthorizer.explain(subject, action, object);
}
