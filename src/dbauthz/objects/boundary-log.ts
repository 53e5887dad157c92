import type { RbacObject } from '../../rbac/types.ts';

/**
 * A boundary log (or session) as an RBAC object: owned by the workspace owner and carrying no org,
 * so Coder's user-level `boundary_log` create lets an agent (acting as its owner) write only its
 * owner's logs, while site-level grants (owner, auditor read; the purge actor delete) see them all.
 */
export function boundaryLogObject(owner: string): RbacObject {
  return { type: 'boundary_log', owner };
}
