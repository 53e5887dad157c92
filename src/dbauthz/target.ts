import type { RbacObject } from '../rbac/types.ts';

/**
 * What one check is about: an object, or ordered alternatives of which the first allowed one wins
 * (e.g. a prebuilds-owned workspace checked as `workspace`, then as `prebuilt_workspace`).
 */
export type Target = RbacObject | { readonly anyOf: readonly RbacObject[] };

/** Ordered alternatives: the check passes when the actor may act on any one of them. */
export function anyOf(...objects: readonly RbacObject[]): Target {
  return { anyOf: objects };
}

/** The objects a target names, in the order they are checked. */
export function targetObjects(target: Target): readonly RbacObject[] {
  return 'anyOf' in target ? target.anyOf : [target];
}
