import { InvalidInputError } from '../../../db/errors.ts';
import { isResourceType, WILDCARD } from '../../rbac/catalogue.ts';
import { ForbiddenError } from '../../rbac/errors.ts';
import { resolveScope } from '../../rbac/scope-spec.ts';
import { canonicalScopeName, isScopeName, ScopeNames } from '../../rbac/scopes.ts';
import type { AllowListEntry, Subject } from '../../rbac/types.ts';
import { isSystemActor } from '../system-actors/system-actors.ts';

/** A new key's scopes and allow list as stored (the raw defaults: `coder:all`, `*:*`). */
export interface KeyScopeInput {
  readonly userId: string;
  readonly scopes?: readonly string[] | undefined;
  readonly allowList?: readonly string[] | undefined;
}

/** The scope names a subject's scope spec lists by name (scope values count as no name). */
function scopeNames(actor: Subject): Set<string> {
  const spec = actor.scope;
  if (typeof spec === 'string') return new Set([canonicalScopeName(spec)]);
  if (typeof spec !== 'object' || spec === null || !('scopes' in spec)) return new Set();
  return new Set(
    spec.scopes.filter((s): s is string => typeof s === 'string').map(canonicalScopeName),
  );
}

/** Whether the caller's allow-list entry `have` allows every object the entry `want` (`type:id`) does. */
function covers(have: AllowListEntry, want: string): boolean {
  const colon = want.indexOf(':');
  const type = want.slice(0, colon);
  const id = want.slice(colon + 1);
  return (have.type === WILDCARD || have.type === type) && (have.id === WILDCARD || have.id === id);
}

/**
 * A key minted by a scoped session cannot be broader than that session. Unless the actor's scope
 * names `coder:all` and its effective allow list is `*:*`, every scope of the new key must be one
 * the actor's scope lists BY NAME (scope values, e.g. an agent's, name none, so such a session
 * mints nothing), and every allow-list entry of the new key must be covered by an entry of the
 * actor's effective allow list. Each of the new key's scopes is then one the actor holds, and its
 * allow list lies within the actor's, so the key's effective scope is within the actor's.
 * Throws `ForbiddenError` (reason `api_key_scope_escalation`).
 */
export function authorizeKeyScope(actor: Subject, key: KeyScopeInput): void {
  const names = scopeNames(actor);
  const allowList = resolveScope(actor.scope).allowList;
  const allowsAll = allowList.some((e) => e.type === WILDCARD && e.id === WILDCARD);
  if (names.has(ScopeNames.all) && allowsAll) return;
  const wantedScopes = (key.scopes ?? [ScopeNames.all]).map(canonicalScopeName);
  const wantedAllow = key.allowList ?? [`${WILDCARD}:${WILDCARD}`];
  const broader = [
    ...wantedScopes.filter((name) => !names.has(name)),
    ...wantedAllow.filter((entry) => !allowList.some((have) => covers(have, entry))),
  ];
  if (broader.length === 0) return;
  throw new ForbiddenError({
    actor: actor.id,
    action: 'create',
    object: { type: 'api_key', owner: key.userId },
    reason: 'api_key_scope_escalation',
  });
}

/**
 * Refuses, as `invalid_input` naming the field, a key whose scopes or allow list would fail every
 * later use: a scope name that expands to no scope, or an allow-list entry of an unknown type.
 */
export function validateKeyScopes(key: KeyScopeInput): void {
  for (const [index, name] of (key.scopes ?? []).entries()) {
    if (!isScopeName(name))
      throw new InvalidInputError(`scopes.${index}`, `unknown scope "${name}"`);
  }
  for (const [index, entry] of (key.allowList ?? []).entries()) {
    const type = entry.slice(0, entry.indexOf(':'));
    if (type !== WILDCARD && !isResourceType(type)) {
      throw new InvalidInputError(`allowList.${index}`, `unknown resource type "${type}"`);
    }
  }
}

/**
 * A key for someone else is minted only by a system actor (the login flow runs as
 * `asSystemRestricted`), never by a user, however privileged: a site owner who may not read a
 * user's secrets must not get a key that acts as that user. Throws `ForbiddenError` (reason
 * `api_key_for_other_user`); the caller still checks `create` on the key.
 */
export function authorizeKeyOwner(actor: Subject, key: KeyScopeInput): void {
  if (key.userId === actor.id || isSystemActor(actor)) return;
  throw new ForbiddenError({
    actor: actor.id,
    action: 'create',
    object: { type: 'api_key', owner: key.userId },
    reason: 'api_key_for_other_user',
  });
}
