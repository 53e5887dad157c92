import { InvalidInputError } from '../../../db/errors.ts';
import { canAssignRole, type RoleIdentity, roleChangeDelta } from '../../rbac/assign.ts';
import { ForbiddenError } from '../../rbac/errors.ts';
import type { RbacObject, RoleRef } from '../../rbac/types.ts';
import type { CallContext } from '../call-context.ts';

/** The roles a change adds and removes (from `roleChangeDelta`). */
export interface RoleChange {
  readonly added: readonly RoleIdentity[];
  readonly removed: readonly RoleIdentity[];
}

/**
 * What a role write from `before` to `after` is checked as (`implied` is held by everyone, so it
 * is never part of a change): its delta, and when it changes nothing, an assignment of every role
 * it writes. A write re-sending the roles it read is never a free pass (raced against a revoke, it
 * would otherwise restore what the revoke removed).
 */
export function roleWriteChange(
  before: readonly RoleRef[],
  after: readonly RoleRef[],
  implied: RoleRef,
): RoleChange {
  const delta = roleChangeDelta([...before, implied], [...after, implied]);
  if (delta.added.length > 0 || delta.removed.length > 0) return delta;
  return roleChangeDelta([implied], [...after, implied]);
}

/**
 * Coder's `canAssignRoles` over a change: `assign` on `resource` (`assign_role`, or
 * `assign_org_role` in the org) when anything is added, `unassign` when anything is removed, then
 * every added and removed role must pass the assignability table (`canAssignRole`; custom roles
 * count as `custom-organization-role`). Roles kept unchanged are never checked. Throws
 * `ForbiddenError` on the first failure.
 */
export function authorizeRoleChange(
  ctx: CallContext<unknown>,
  resource: RbacObject,
  change: RoleChange,
): void {
  if (change.added.length > 0) ctx.authorize('assign', resource);
  if (change.removed.length > 0) ctx.authorize('unassign', resource);
  const checks = [
    ...change.added.map((role) => ['assign', role] as const),
    ...change.removed.map((role) => ['unassign', role] as const),
  ];
  for (const [action, role] of checks) {
    const target = role.org === undefined ? role.name : { name: role.name, org: role.org };
    if (!canAssignRole(ctx.actor.roles, target)) {
      throw new ForbiddenError({
        actor: ctx.actor.id,
        action,
        object: { ...resource, role: role.name },
        reason: `the assignability table does not let the actor ${action} ${role.name}`,
      });
    }
  }
}

/** The role names of an input, or `InvalidInputError` (before any query) when they are not strings. */
export function inputRoleNames(roles: unknown, field = 'roles'): string[] {
  if (!Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || r === '')) {
    throw new InvalidInputError(field, 'must be a list of role names');
  }
  return [...new Set(roles as string[])];
}
