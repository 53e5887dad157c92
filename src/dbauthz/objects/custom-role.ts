import type { StoredPermission } from '../../../db/schema/custom-roles.ts';
import { InvalidPolicyError } from '../../rbac/errors.ts';
import { defineRole } from '../../rbac/role.ts';
import { RoleSchema } from '../../rbac/schemas.ts';
import type { Role } from '../../rbac/types.ts';

/** The fields of a custom role (a `custom_roles` row, or an insert/update input). */
export interface CustomRoleFields {
  readonly organizationId: string;
  readonly name: string;
  readonly displayName?: string | undefined;
  readonly sitePermissions?: readonly StoredPermission[] | undefined;
  readonly userPermissions?: readonly StoredPermission[] | undefined;
  readonly orgPermissions?: readonly StoredPermission[] | undefined;
  readonly memberPermissions?: readonly StoredPermission[] | undefined;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : `<${value === null ? 'null' : typeof value}>`;
}

/**
 * A custom org role as an RBAC role value bound to its org, validated with the rbac zod schema.
 * As in Coder, an org-scoped custom role may hold only org and member permissions: site or user
 * permissions (which would reach beyond the org), an unknown type or action, or a malformed row
 * throw `InvalidPolicyError`.
 */
export function customRoleValue(fields: CustomRoleFields): Role {
  // Named for messages without coercing: a malformed row's object name must not throw a TypeError.
  const where = `custom role "${shown(fields.name)}" of org ${shown(fields.organizationId)}`;
  if ((fields.sitePermissions?.length ?? 0) > 0 || (fields.userPermissions?.length ?? 0) > 0) {
    throw new InvalidPolicyError(
      `${where}: an organization role may not hold site or user permissions`,
    );
  }
  const parsed = RoleSchema.safeParse({
    name: fields.name,
    ...(fields.displayName ? { displayName: fields.displayName } : {}),
    org: fields.organizationId,
    byOrg: {
      [fields.organizationId]: {
        org: fields.orgPermissions ?? [],
        member: fields.memberPermissions ?? [],
      },
    },
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new InvalidPolicyError(`${where}: ${issues}`);
  }
  return defineRole(parsed.data as Parameters<typeof defineRole>[0]);
}
