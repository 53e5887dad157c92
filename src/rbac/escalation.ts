import { defaultAuthorizer, type RbacAuthorizer } from './authorizer.ts';
import type { Action, ResourceType } from './catalogue.ts';
import { WILDCARD } from './catalogue.ts';
import { ForbiddenError } from './errors.ts';
import { formatPermission } from './permissions.ts';
import { rolePermissions, validRole } from './role.ts';
import { reservedRoleNames } from './role-names.ts';
import type { Permission, RbacObject, Role, Subject } from './types.ts';

/** Why a proposed custom role may not be saved by this actor. */
export interface EscalationViolation {
  readonly code:
    | 'reserved_name'
    | 'negative_permission'
    | 'wildcard_type'
    | 'wildcard_action'
    | 'not_held';
  readonly level?: 'site' | 'user' | 'org' | 'member';
  readonly org?: string;
  readonly permission?: Permission;
  readonly message: string;
}

/** The object the actor must be allowed to act on to grant `p` at `level` (in `org`). */
function probe(actor: Subject, p: Permission, level: string, org: string | undefined): RbacObject {
  const type = p.type as ResourceType;
  if (level === 'site') return { type };
  if (level === 'user') return { type, owner: actor.id };
  if (level === 'org') return { type, org: org! };
  return { type, org: org!, owner: actor.id };
}

/**
 * Coder's escalation check for custom roles: no reserved name, no negatives, no wildcard type or
 * action, and the actor must itself be authorized for every permission at the level it grants it
 * (site: an object with no org or owner; org: an object in that org; member: one in that org owned
 * by the actor; user: one owned by the actor with no org). Returns every violation (empty = ok);
 * throws `InvalidPolicyError` when the role itself is malformed.
 */
export function checkRoleEscalation(
  actor: Subject,
  proposed: Role,
  authorizer: RbacAuthorizer = defaultAuthorizer,
): EscalationViolation[] {
  const role = validRole(proposed);
  const out: EscalationViolation[] = [];
  if (reservedRoleNames.has(role.name)) {
    out.push({ code: 'reserved_name', message: `role name "${role.name}" is reserved` });
  }
  for (const { level, org, permission } of rolePermissions(role)) {
    const where = { level, ...(org === undefined ? {} : { org }), permission };
    const text = `${formatPermission(permission)} at ${level} level${org ? ` in org ${org}` : ''}`;
    if (permission.negate) {
      out.push({ code: 'negative_permission', ...where, message: `negative permission ${text}` });
      continue;
    }
    if (permission.type === WILDCARD) {
      out.push({ code: 'wildcard_type', ...where, message: `wildcard type in ${text}` });
      continue;
    }
    if (permission.action === WILDCARD) {
      out.push({ code: 'wildcard_action', ...where, message: `wildcard action in ${text}` });
      continue;
    }
    const target = probe(actor, permission, level, org);
    if (!authorizer.authorize(actor, permission.action as Action, target)) {
      out.push({ code: 'not_held', ...where, message: `the actor does not hold ${text}` });
    }
  }
  return out;
}

/** `checkRoleEscalation`, throwing a `ForbiddenError` (violations in its detail) unless clean. */
export function assertNoRoleEscalation(
  actor: Subject,
  proposed: Role,
  authorizer: RbacAuthorizer = defaultAuthorizer,
): void {
  const violations = checkRoleEscalation(actor, proposed, authorizer);
  if (violations.length > 0) {
    throw new ForbiddenError({
      actor: actor.id,
      action: 'create',
      object: { type: 'assign_org_role', role: proposed.name },
      reason: violations.map((v) => v.message).join('; '),
    });
  }
}
