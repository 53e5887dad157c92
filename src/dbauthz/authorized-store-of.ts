import type { TxOptions } from '../../db/run-transaction.ts';
import type { Subject } from '../rbac/types.ts';
import type { CallOptions } from './call-options.ts';
import type { SystemActorName } from './system-actors/system-actors.ts';
import type { RawMethodName } from './wrappers/declaration.ts';

/**
 * A raw method as the authorized store offers it: the same input and result, and as second
 * argument only the caller's `CallOptions` (never SQL).
 */
export type AuthorizedMethod<F> = F extends (input: infer I, ...rest: never[]) => Promise<infer R>
  ? (input: I, options?: CallOptions) => Promise<R>
  : never;

/**
 * The methods of an authorized store over raw store `S` with declarations `D`: one per declared
 * method, under the raw method's name, input and result. Both maps are homomorphic, so an editor
 * follows a method to its authorization declaration and to its raw query, and shows both doc
 * comments.
 */
export type AuthorizedMethods<S, D> = {
  readonly [K in keyof D]: K extends keyof S ? AuthorizedMethod<S[K]> : never;
} & { readonly [K in keyof S as K extends keyof D ? K : never]: AuthorizedMethod<S[K]> };

/**
 * The authorized face of a raw store `S` whose methods are declared by `D`: every raw method under
 * the same name, input and result, plus actor binding, transactions and the named system actors.
 */
export type AuthorizedStoreOf<
  S,
  D = { readonly [K in RawMethodName<S>]: unknown },
> = AuthorizedMethods<S, D> & {
  /** The explicitly bound actor (`undefined` on an unbound store, which uses the `runAs` scope). */
  readonly actor: Subject | undefined;
  /** A store whose calls act as `subject`; an explicit binding wins over any `runAs` scope. */
  as(subject: Subject): AuthorizedStoreOf<S, D>;
  /**
   * Runs `fn` with an authorized store over one transaction, same actor; a throw rolls back.
   * `options` set the isolation level, read-only mode, a deadline and serialization retries.
   */
  inTx<T>(fn: (tx: AuthorizedStoreOf<S, D>) => Promise<T>, options?: TxOptions): Promise<T>;
  /**
   * This store, same actor, with every call on the primary: reads see the writes just made
   * (read-your-writes) instead of a replica that may lag. Without a replica it changes nothing.
   */
  onPrimary(): AuthorizedStoreOf<S, D>;
} & { readonly [K in SystemActorName]: () => AuthorizedStoreOf<S, D> };
