import { declaredInputOf, parseInput, rawQueryOf } from '../../db/queries/define.ts';
import { readsOnReplica } from '../../db/queries/replica-reads.ts';
import { runOnPrimary } from '../../db/queries/replica-scope.ts';
import type { TxOptions } from '../../db/run-transaction.ts';
import { ForbiddenError } from '../rbac/errors.ts';
import { vetSubject } from '../rbac/subject.ts';
import type { Authorizer, Subject } from '../rbac/types.ts';
import { scopedActor } from './actor-scope.ts';
import type { AuthorizedStoreOf } from './authorized-store-of.ts';
import { StoreCall } from './call-context.ts';
import { parseCallOptions } from './call-options.ts';
import type { DecisionHook } from './decision-hook.ts';
import { NoActorError } from './errors.ts';
import { snapshotInput } from './snapshot-input.ts';
import type { StoreCore } from './store-core.ts';
import { systemActors } from './system-actors/system-actors.ts';
import type { Declaration, Declarations, RawCallOptions } from './wrappers/declaration.ts';

/** Brands an authorized store, so wrapping it again returns it unchanged. */
export const AUTHORIZED_STORE = Symbol.for('dbauthz.authorized-store');

const BINDING = Symbol('dbauthz.binding');

// Every store `buildAuthorizedStore` made (bound or not): the only ones wrapping returns unchanged.
const authorizedStores = new WeakSet<object>();

interface Binding<S> {
  readonly core: StoreCore<S>;
  readonly actor: Subject | undefined;
}

type Bound<S> = { readonly [BINDING]: Binding<S> };

/** A raw store shape: methods taking one input object, plus `inTx` giving a store of the same shape. */
export interface RawStoreLike<S> {
  inTx<T>(fn: (tx: S) => Promise<T>, options?: TxOptions): Promise<T>;
}

/** Options of an authorized store. */
export interface StoreOptions {
  /** Decides every check; tests pass a recording or deny-all one. */
  readonly authorizer: Authorizer;
  /** Called for every check; unset means no decision object is built at all. */
  readonly onDecision?: DecisionHook | undefined;
}

function bindingOf<S>(self: unknown, method: string): Binding<S> & { readonly actor: Subject } {
  const binding = (self as Partial<Bound<S>> | undefined)?.[BINDING];
  const actor = binding?.actor ?? scopedActor();
  // A method called off its store (destructured) has no binding: fail closed as "no actor".
  if (binding === undefined || actor === undefined) throw new NoActorError(method);
  return { core: binding.core, actor };
}

type AnyDeclaration = Declaration<unknown, unknown, unknown>;
type AnyRaw = Record<string, (input: unknown, options?: RawCallOptions) => Promise<unknown>>;

/** The shared method table (prototype) of every store over these declarations. */
function methodTable(names: readonly string[], declarations: Record<string, AnyDeclaration>) {
  const table: Record<PropertyKey, unknown> = { [AUTHORIZED_STORE]: true };
  for (const name of names) {
    const declaration = declarations[name];
    // A read a replica may answer runs where the store reads; anything else (a write, and the
    // reads its checks make) runs on the primary, so no write is decided on a lagging row.
    // The routing is a scope (`runOnPrimary`), not another store, so whatever the application
    // wrapped around the raw store stays on the path.
    const onReplica = readsOnReplica(name);
    table[name] = async function (this: unknown, input: unknown, options?: unknown) {
      const { core, actor } = bindingOf<AnyRaw>(this, name);
      // The caller's options carry no SQL, whatever their static type said (`invalid_input`).
      const callOptions = parseCallOptions(options);
      const method = core.raw[name]!;
      // Validated at the boundary with the raw query's own schema, after the actor and before any
      // declaration reads a field: objects are built from the parsed value, and a raw query runs
      // it without a second parse. A method that is not a raw query this library built (an
      // application's wrapper) is called with a value its schema parsed, when it carries the
      // schema of the query it wraps, or else with a snapshot of the input (each property read
      // once) that the raw method behind it validates: the declaration and the raw method always
      // see the same data.
      const query = rawQueryOf(method);
      const schema = declaredInputOf(method);
      const parsed = schema === undefined ? snapshotInput(input) : parseInput(schema, input);
      if (declaration === undefined) {
        throw new ForbiddenError({
          actor: actor.id,
          reason: `no authorization declared for ${name}`,
        });
      }
      const context = new StoreCall(core, actor, name, callOptions);
      const viaContext = context.rawMethod(name) as typeof method;
      const call: typeof method =
        query === undefined
          ? viaContext
          : (value, own) =>
              value === parsed
                ? query.run(parsed, { ...callOptions, ...own })
                : viaContext(value, own);
      const run = () => declaration.run(context, call, parsed);
      return onReplica && core.primary !== true ? run() : runOnPrimary(run);
    };
  }
  return table;
}

/**
 * Builds the authorized store over `raw` from one declaration per method. Methods of `raw` with no
 * declaration exist but always deny. An already authorized `raw` is returned unchanged.
 */
export function buildAuthorizedStore<S extends RawStoreLike<S>>(
  raw: S,
  declarations: Declarations<S>,
  options: StoreOptions,
): AuthorizedStoreOf<S> {
  // Only a store this function built passes as authorized: a brand read off the untrusted raw
  // store (a Proxy answering any key, or a copied symbol) would hand back an unchecked store.
  if (authorizedStores.has(raw as object)) return raw as unknown as AuthorizedStoreOf<S>;
  const names = Object.keys(raw).filter((name) => name !== 'inTx');
  const table = methodTable(names, declarations as Record<string, AnyDeclaration>);
  const bind = (core: StoreCore<S>, actor: Subject | undefined): AuthorizedStoreOf<S> => {
    const store = Object.create(table, { [BINDING]: { value: { core, actor } } });
    authorizedStores.add(store);
    return store;
  };

  Object.defineProperty(table, 'actor', {
    get(this: Bound<S>) {
      return this[BINDING].actor;
    },
  });
  table.as = function (this: Bound<S>, subject: Subject) {
    if (typeof subject?.id !== 'string') throw new TypeError('as(subject): not a subject');
    // What was checked is what acts: a subject `createSubject` built is used as is, anything else
    // as a validated, deeply frozen copy taken now (a later mutation of it changes nothing).
    return bind(this[BINDING].core, vetSubject(subject));
  };
  table.onPrimary = function (this: unknown) {
    const binding = (this as Partial<Bound<S>> | undefined)?.[BINDING];
    if (binding === undefined) throw new NoActorError('onPrimary');
    // Same binding: an unbound store stays unbound (each call uses its own `runAs` scope).
    return bind({ ...binding.core, primary: true }, binding.actor);
  };
  table.inTx = async function <T>(
    this: unknown,
    fn: (tx: AuthorizedStoreOf<S>) => Promise<T>,
    options?: TxOptions,
  ) {
    const { core, actor } = bindingOf<S>(this, 'inTx');
    return core.raw.inTx((tx: S) => fn(bind({ ...core, raw: tx }, actor)), options);
  };
  for (const [name, subject] of Object.entries(systemActors)) {
    table[name] = function (this: Bound<S>) {
      return bind(this[BINDING].core, subject);
    };
  }
  return bind({ raw, authorizer: options.authorizer, onDecision: options.onDecision }, undefined);
}
