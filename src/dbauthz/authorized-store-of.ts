import type { Subject } from '../rbac/types.ts';
import type { SystemActorName } from './system-actors/system-actors.ts';
import type { RawMethodName } from './wrappers/declaration.ts';

/**
 * The authorized face of a raw store `S`: every raw method under the same name and type, plus
 * actor binding, transactions and the named system actors.
 */
export type AuthorizedStoreOf<S> = { readonly [K in RawMethodName<S>]: S[K] } & {
  /** The explicitly bound actor (`undefined` on an unbound store, which uses the `runAs` scope). */
  readonly actor: Subject | undefined;
  /** A store whose calls act as `subject`; an explicit binding wins over any `runAs` scope. */
  as(subject: Subject): AuthorizedStoreOf<S>;
  /** Runs `fn` with an authorized store over one transaction, same actor; a throw rolls back. */
  inTx<T>(fn: (tx: AuthorizedStoreOf<S>) => Promise<T>): Promise<T>;
} & { readonly [K in SystemActorName]: () => AuthorizedStoreOf<S> };
