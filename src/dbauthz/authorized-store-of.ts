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
 * The authorized face of a raw store `S`: every raw method under the same name, input and result,
 * plus actor binding, transactions and the named system actors.
 */
export type AuthorizedStoreOf<S> = { readonly [K in RawMethodName<S>]: AuthorizedMethod<S[K]> } & {
  /** The explicitly bound actor (`undefined` on an unbound store, which uses the `runAs` scope). */
  readonly actor: Subject | undefined;
  /** A store whose calls act as `subject`; an explicit binding wins over any `runAs` scope. */
  as(subject: Subject): AuthorizedStoreOf<S>;
  /**
   * Runs `fn` with an authorized store over one transaction, same actor; a throw rolls back.
   * `options` set the isolation level, read-only mode, a deadline and serialization retries.
   */
  inTx<T>(fn: (tx: AuthorizedStoreOf<S>) => Promise<T>, options?: TxOptions): Promise<T>;
  /**
   * This store, same actor, with every call on the primary: reads see the writes just made
   * (read-your-writes) instead of a replica that may lag. Without a replica it changes nothing.
   */
  onPrimary(): AuthorizedStoreOf<S>;
} & { readonly [K in SystemActorName]: () => AuthorizedStoreOf<S> };
