import type { RawStore } from '../../db/queries/index.ts';
import { defaultAuthorizer } from '../rbac/authorizer.ts';
import type { Authorizer } from '../rbac/types.ts';
import type { AuthorizedStoreOf } from './authorized-store-of.ts';
import { buildAuthorizedStore } from './build-store.ts';
import type { DecisionHook } from './decision-hook.ts';
import { type DeclaredMethods, declarations } from './methods/index.ts';

/** The store application code imports: every raw query, authorized. */
export type AuthorizedStore = AuthorizedStoreOf<RawStore, DeclaredMethods>;

/** Options of `createAuthorizedStore`. */
export interface AuthorizedStoreOptions {
  /** Defaults to the engine over the built-in roles. */
  readonly authorizer?: Authorizer;
  /** Called for every check (actor, action, object, allowed); free when unset. */
  readonly onDecision?: DecisionHook;
}

/**
 * Wraps the raw store so every query is authorized for the bound actor. Wrapping an authorized
 * store returns it unchanged.
 * @example
 * const store = createAuthorizedStore(createRawStore(db));
 * const me = await store.as(subject).getUserById({ id: subject.id });
 */
export function createAuthorizedStore(
  raw: RawStore | AuthorizedStore,
  options: AuthorizedStoreOptions = {},
): AuthorizedStore {
  return buildAuthorizedStore(raw as RawStore, declarations, {
    authorizer: options.authorizer ?? defaultAuthorizer,
    onDecision: options.onDecision,
  }) satisfies AuthorizedStoreOf<RawStore> as AuthorizedStore;
}
