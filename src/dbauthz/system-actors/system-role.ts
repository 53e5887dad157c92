import { type ActionOf, hasAction, type ResourceType } from '../../rbac/catalogue.ts';
import type { Permission, Role } from '../../rbac/types.ts';

/** A system role's grants: resource type -> the actions it may do (never a wildcard type). */
export type Grants = { readonly [R in ResourceType]?: readonly ActionOf<R>[] };

/**
 * A least-privilege site role from a grants table. Every type/action pair must exist in the
 * catalogue (checked here, at definition time), and no wildcard type or action can be expressed.
 */
export function systemRole(name: string, grants: Grants): Role {
  const site: Permission[] = [];
  for (const [type, actions] of Object.entries(grants) as [ResourceType, readonly string[]][]) {
    for (const action of actions) {
      if (!hasAction(type, action)) throw new TypeError(`${name}: ${type} has no action ${action}`);
      site.push(Object.freeze({ type, action, negate: false }) as Permission);
    }
  }
  return Object.freeze({ name, site: Object.freeze(site), user: [], byOrg: {} });
}
