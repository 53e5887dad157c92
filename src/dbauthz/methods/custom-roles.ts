import { InvalidInputError } from '../../../db/errors.ts';
import type { RawStore } from '../../../db/queries/index.ts';
import { defaultAuthorizer, type RbacAuthorizer } from '../../rbac/authorizer.ts';
import { ForbiddenError, hasErrorCode } from '../../rbac/errors.ts';
import { checkRoleEscalation } from '../../rbac/escalation.ts';
import { reservedRoleNames } from '../../rbac/role-names.ts';
import type { Role } from '../../rbac/types.ts';
import type { CallContext } from '../call-context.ts';
import { type CustomRoleFields, customRoleValue } from '../resources/custom-role-value.ts';
import { assignOrgRoleObject, customRoleColumns } from '../resources/custom-roles.ts';
import type { Declaration, Declarations } from '../wrappers/declaration.ts';
import { filteredList } from '../wrappers/filtered-list.ts';
import { custom, orderedChecks } from '../wrappers/ordered-checks.ts';
import type { InputOf, OutputOf } from '../wrappers/raw-io.ts';

/**
 * The proposed role, or `InvalidInputError` before any check or query: reserved names, member
 * permissions (system roles only, as in Coder: a member-level grant hands every holder power over
 * their own objects, which the escalation check cannot weigh), bad permissions.
 */
function proposedRole(input: CustomRoleFields): Role {
  if (typeof input.name === 'string' && reservedRoleNames.has(input.name.toLowerCase())) {
    throw new InvalidInputError('name', `"${input.name}" is a reserved role name`);
  }
  if ((input.memberPermissions?.length ?? 0) > 0) {
    throw new InvalidInputError(
      'memberPermissions',
      'only system roles may hold member permissions; grant at org level instead',
    );
  }
  try {
    return customRoleValue(input);
  } catch (error) {
    if (!hasErrorCode(error, 'invalid_policy')) throw error;
    throw new InvalidInputError('', (error as Error).message, { cause: error });
  }
}

/**
 * Coder's custom role escalation check, every probe made through the store's authorizer (so it is
 * recorded and hooked like any check): no negative, no wildcard, and the actor itself holds every
 * permission it grants, at the level it grants it.
 */
function assertNoEscalation<S>(ctx: CallContext<S>, role: Role): void {
  const throughStore: RbacAuthorizer = {
    ...defaultAuthorizer,
    authorize: (_actor, action, object) => ctx.can(action, object),
  };
  const violations = checkRoleEscalation(ctx.actor, role, throughStore);
  if (violations.length === 0) return;
  throw new ForbiddenError({
    actor: ctx.actor.id,
    action: 'create',
    object: { ...assignOrgRoleObject(role.org ?? ''), role: role.name },
    reason: violations.map((v) => v.message).join('; '),
  });
}

/**
 * Refuses (`ForbiddenError`, reason `system_role`) a write to a stored system role: those are the
 * deployment's own and change only through the raw store. A missing role is left to the raw call.
 */
async function assertNotSystemRole(
  ctx: CallContext<RawStore>,
  key: { organizationId: string; name: string },
  action: 'update' | 'delete',
): Promise<void> {
  const [stored] = await ctx.raw.getCustomRolesByNames({ roles: [key] });
  if (stored?.isSystem !== true) return;
  throw new ForbiddenError({
    actor: ctx.actor.id,
    action,
    object: { ...assignOrgRoleObject(key.organizationId), role: key.name },
    reason: 'system_role',
  });
}

/**
 * A write of a custom role: validate (a new role may not be a system role: `InvalidInputError` on
 * `isSystem`), `action` on `assign_org_role` in the org, escalation check, and an update may not
 * touch a stored system role.
 */
function writeRole<K extends 'insertCustomRole' | 'updateCustomRole'>(
  action: 'create' | 'update',
): Declaration<RawStore, InputOf<RawStore, K>, OutputOf<RawStore, K>> {
  return custom(async (ctx, call, input) => {
    const fields = input as CustomRoleFields & { isSystem?: boolean };
    if (fields.isSystem === true) {
      throw new InvalidInputError('isSystem', 'system roles cannot be created through the store');
    }
    const role = proposedRole(fields);
    ctx.authorize(action, assignOrgRoleObject(fields.organizationId));
    assertNoEscalation(ctx, role);
    if (action === 'update') await assertNotSystemRole(ctx, fields, 'update');
    return call(input);
  });
}

/** Authorization of the custom roles area (domain.md: custom roles). */
export const customRolesMethods = {
  insertCustomRole: writeRole<'insertCustomRole'>('create'),
  /** Only the permission lists given are granted by the update, so only they are checked. */
  updateCustomRole: writeRole<'updateCustomRole'>('update'),
  /**
   * `delete` on `assign_org_role` in the org; a stored system role is never deleted, and a role
   * still assigned (to a member, or in the org's default member roles) is refused by the raw
   * delete (`ForeignKeyViolationError`, code `invalid_reference`, constraint `custom_role_assigned`).
   */
  deleteCustomRole: custom(async (ctx, call, input) => {
    ctx.authorize('delete', assignOrgRoleObject(input.organizationId));
    await assertNotSystemRole(ctx, input, 'delete');
    return call(input);
  }),
  listCustomRoles: filteredList('read', 'assign_org_role', customRoleColumns),
  /** `assign_org_role` read in each org named, in order of first mention. */
  getCustomRolesByNames: orderedChecks((input: { roles: readonly { organizationId: string }[] }) =>
    [...new Set(input.roles.map((role) => role.organizationId))].map((org) => ({
      action: 'read' as const,
      target: assignOrgRoleObject(org),
    })),
  ),
} satisfies Declarations<RawStore>;
