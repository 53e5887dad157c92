import {
  type ActionOf,
  catalogue,
  hasAction,
  isResourceType,
  type PermissionAction,
  type PermissionType,
  type ResourceType,
  resourceTypes,
  WILDCARD,
} from './catalogue.ts';
import { InvalidPolicyError } from './errors.ts';
import type { Permission } from './types.ts';

/** The actions a permission on `T` may name: the type's own actions, or `*` (any action). */
export type PermissionActionOf<T extends PermissionType> = T extends ResourceType
  ? ActionOf<T> | typeof WILDCARD
  : PermissionAction;

/** Throws `InvalidPolicyError` unless `type` is a catalogue type or `*` and `action` is valid for it. */
export function assertValidPermission(type: string, action: string): void {
  if (type !== WILDCARD && !isResourceType(type)) {
    throw new InvalidPolicyError(`unknown resource type "${type}"`);
  }
  if (action === WILDCARD) return;
  if (type === WILDCARD) {
    if (
      !Object.values(catalogue).some((actions) => (actions as readonly string[]).includes(action))
    )
      throw new InvalidPolicyError(`unknown action "${action}"`);
    return;
  }
  if (!hasAction(type, action)) {
    throw new InvalidPolicyError(`resource type "${type}" has no action "${action}"`);
  }
}

/**
 * One validated, frozen permission; throws `InvalidPolicyError` for an unknown type or an action
 * the type lacks.
 * @example permission('workspace', 'read') // { type: 'workspace', action: 'read', negate: false }
 */
export function permission<T extends PermissionType>(
  type: T,
  action: PermissionActionOf<T>,
  negate = false,
): Permission {
  assertValidPermission(type, action);
  return Object.freeze({ type, action: action as PermissionAction, negate });
}

/** A map from type to actions, as roles.go writes them. */
export type PermissionMap = { readonly [T in PermissionType]?: readonly PermissionActionOf<T>[] };

/**
 * Validated permissions from a `type -> actions` map, in map order.
 * @example permissions({ template: ['read', 'use'] })
 */
export function permissions(map: PermissionMap, negate = false): Permission[] {
  const out: Permission[] = [];
  for (const [type, actions] of Object.entries(map) as [PermissionType, PermissionAction[]][]) {
    for (const action of actions) out.push(permission(type, action as never, negate));
  }
  return out;
}

/** The same permissions, negated (deny rules). */
export function denials(map: PermissionMap): Permission[] {
  return permissions(map, true);
}

/**
 * Coder's `allPermsExcept`: `{type, '*'}` for every catalogue type except the listed ones (never
 * the wildcard type itself).
 */
export function allPermsExcept(...excluded: readonly ResourceType[]): Permission[] {
  for (const type of excluded) assertValidPermission(type, WILDCARD);
  const skip = new Set<string>(excluded);
  return resourceTypes.filter((t) => !skip.has(t)).map((t) => permission(t, WILDCARD));
}

/** Renders a permission as `[-]type:action` for messages and explanations. */
export function formatPermission(p: Permission): string {
  return `${p.negate ? '-' : ''}${p.type}:${p.action}`;
}
