import type { StoredPermission } from '../../../db/schema/custom-roles.ts';
import { InvalidPolicyError } from '../../rbac/errors.ts';
import { assertValidPermission } from '../../rbac/permissions.ts';
import { defineRole } from '../../rbac/role.ts';
import { RoleSchema } from '../../rbac/schemas.ts';
import type { Role, SubjectNotice } from '../../rbac/types.ts';

/** The fields of a custom role (a `custom_roles` row, or an insert/update input). */
export interface CustomRoleFields {
  readonly organizationId: string;
  readonly name: string;
  readonly displayName?: string | undefined;
  readonly sitePermissions?: readonly StoredPermission[] | undefined;
  readonly userPermissions?: readonly StoredPermission[] | undefined;
  readonly orgPermissions?: readonly StoredPermission[] | undefined;
  readonly memberPermissions?: readonly StoredPermission[] | undefined;
  /** A deployment's own role (written through the raw store only): may hold member permissions. */
  readonly isSystem?: boolean | undefined;
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : `<${value === null ? 'null' : typeof value}>`;
}

const count = (perms: readonly StoredPermission[] | undefined) => perms?.length ?? 0;

/**
 * A custom org role as an RBAC role value bound to its org, validated with the rbac zod schema.
 * As in Coder, an org-scoped custom role may hold only org permissions, plus member permissions
 * when it is a system role: site or user permissions (which would reach beyond the org), member
 * permissions of a non-system role (power over one's own objects, handed to every holder), an
 * unknown type or action, or a malformed row throw `InvalidPolicyError`.
 */
export function customRoleValue(fields: CustomRoleFields): Role {
  // Named for messages without coercing: a malformed row's object name must not throw a TypeError.
  const where = `custom role "${shown(fields.name)}" of org ${shown(fields.organizationId)}`;
  if (count(fields.sitePermissions) > 0 || count(fields.userPermissions) > 0) {
    throw new InvalidPolicyError(
      `${where}: an organization role may not hold site or user permissions`,
    );
  }
  if (count(fields.memberPermissions) > 0 && fields.isSystem !== true) {
    throw new InvalidPolicyError(
      `${where}: only system roles may hold member permissions; grant at org level instead`,
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

type Level = 'site' | 'user' | 'org' | 'member';

/** Whether this version can apply a stored permission: a known type (or `*`) with an action it has. */
function applicable(p: StoredPermission): boolean {
  if (typeof p?.type !== 'string' || typeof p.action !== 'string') return true; // malformed: let it fail
  try {
    assertValidPermission(p.type, p.action);
    return true;
  } catch {
    return false;
  }
}

/**
 * A stored custom role as the subject loader uses it: the permissions this version cannot apply
 * are left out, each reported as an `ignored_permission` notice, and the rest converted by
 * `customRoleValue`. Left out: a type or action this version does not know (a role written by an
 * older or newer version; such a permission matches no object, so it grants and denies nothing),
 * site and user permissions (an org role never reaches beyond its org), and member permissions of
 * a non-system role. A malformed row still throws `InvalidPolicyError`.
 */
export function storedCustomRole(row: CustomRoleFields): {
  readonly role: Role;
  readonly notices: readonly SubjectNotice[];
} {
  const notices: SubjectNotice[] = [];
  const keep = (level: Level, perms: readonly StoredPermission[] | undefined, allowed: boolean) =>
    (perms ?? []).filter((p) => {
      const ok = allowed && applicable(p);
      if (!ok) notices.push(ignored(row, level, p, allowed));
      return ok;
    });
  const role = customRoleValue({
    organizationId: row.organizationId,
    name: row.name,
    displayName: row.displayName,
    isSystem: row.isSystem,
    sitePermissions: keep('site', row.sitePermissions, false),
    userPermissions: keep('user', row.userPermissions, false),
    orgPermissions: keep('org', row.orgPermissions, true),
    memberPermissions: keep('member', row.memberPermissions, row.isSystem === true),
  });
  return { role, notices };
}

function ignored(
  row: CustomRoleFields,
  level: Level,
  p: StoredPermission,
  levelAllowed: boolean,
): SubjectNotice {
  const text = `${p.negate ? '-' : ''}${shown(p.type)}:${shown(p.action)} at ${level} level`;
  const why = levelAllowed
    ? 'names a type or action this version does not know'
    : level === 'member'
      ? 'is a member permission, which only system roles may hold'
      : 'reaches beyond the organization';
  return {
    code: 'ignored_permission',
    role: row.name,
    org: row.organizationId,
    permission: { type: p.type, action: p.action, negate: p.negate === true, level },
    message: `custom role "${row.name}": permission ${text} ignored: it ${why}`,
  };
}
