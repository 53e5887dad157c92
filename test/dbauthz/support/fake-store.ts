import { vi } from 'vitest';
import { buildAuthorizedStore } from '../../../src/dbauthz/build-store.ts';
import type { DecisionHook } from '../../../src/dbauthz/decision-hook.ts';
import type { Declarations, RawCallOptions } from '../../../src/dbauthz/wrappers/declaration.ts';
import type { Action } from '../../../src/rbac/catalogue.ts';
import { createSubject } from '../../../src/rbac/subject.ts';
import type { Authorizer, Predicate, RbacObject, Subject } from '../../../src/rbac/types.ts';

/** A row of the fake store. */
export interface Thing {
  readonly id: string;
  readonly ownerId: string;
}

/** A tiny raw store to exercise the wrappers without the domain's 100+ methods. */
export interface FakeRaw {
  getThing(input: { id: string }): Promise<Thing>;
  listThings(input: { page?: number }, options?: RawCallOptions): Promise<Thing[]>;
  countThings(input: object, options?: RawCallOptions): Promise<number>;
  insertThing(input: { ownerId: string }): Promise<Thing>;
  deleteThing(input: { id: string }): Promise<void>;
  inTx<T>(fn: (tx: FakeRaw) => Promise<T>): Promise<T>;
}

/** Builds a fake raw store whose methods are spies over the given implementations. */
export function fakeRaw(impl: Partial<Omit<FakeRaw, 'inTx'>> = {}) {
  const thing: Thing = { id: 't1', ownerId: 'alice' };
  const raw = {
    getThing: vi.fn(impl.getThing ?? (async () => thing)),
    listThings: vi.fn(impl.listThings ?? (async () => [thing])),
    countThings: vi.fn(impl.countThings ?? (async () => 1)),
    insertThing: vi.fn(impl.insertThing ?? (async () => thing)),
    deleteThing: vi.fn(impl.deleteThing ?? (async () => undefined)),
    inTx: vi.fn(async (fn: (tx: FakeRaw) => Promise<unknown>) => fn(typed)),
  };
  const typed = raw as Omit<typeof raw, 'inTx'> & FakeRaw & { inTx: typeof raw.inTx };
  return typed;
}

/** A subject with just an id (the fake authorizer decides by id, not roles). */
export function subject(id: string): Subject {
  return createSubject({ id, roles: [] });
}

/** One check the fake authorizer saw. */
export interface SeenCheck {
  readonly actor: string;
  readonly action: Action;
  readonly object: RbacObject | { readonly type: string };
}

/** An authorizer answering `allow(actor, action, object)` and `predicate` for every prepare. */
export function fakeAuthorizer(
  allow: (actor: string, action: Action, object: RbacObject) => boolean,
  predicate: Predicate = { op: 'true' },
) {
  const seen: SeenCheck[] = [];
  const authorizer: Authorizer = {
    authorize(s, action, object) {
      seen.push({ actor: s.id, action, object });
      return allow(s.id, action, object);
    },
    prepare(s, action, type) {
      seen.push({ actor: s.id, action, object: { type } });
      return predicate;
    },
  };
  return { authorizer, seen };
}

/** Builds an authorized store over `raw` with `declarations`. */
export function fakeStore(
  raw: FakeRaw,
  declarations: Declarations<FakeRaw>,
  authorizer: Authorizer,
  onDecision?: DecisionHook,
) {
  return buildAuthorizedStore(raw, declarations, { authorizer, onDecision });
}
