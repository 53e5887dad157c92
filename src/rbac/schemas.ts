// Zod schemas derived from the catalogue, for values that arrive from outside (custom roles stored
// in the database, subjects built from sessions, API key scopes). Parse, then hand the result to
// `defineRole` / `createSubject`, which freeze it.
import { z } from 'zod';
import { allActions, hasAction, resourceTypes, WILDCARD } from './catalogue.ts';

/** A catalogue resource type. */
export const ResourceTypeSchema = z.enum(resourceTypes as [string, ...string[]]);
/** A catalogue action. */
export const ActionSchema = z.enum(allActions as [string, ...string[]]);

/** A permission whose action exists on its type (`*` allowed for both). */
export const PermissionSchema = z
  .object({
    type: z.union([ResourceTypeSchema, z.literal(WILDCARD)]),
    action: z.union([ActionSchema, z.literal(WILDCARD)]),
    negate: z.boolean().default(false),
  })
  .refine((p) => p.type === WILDCARD || p.action === WILDCARD || hasAction(p.type, p.action), {
    message: 'the resource type has no such action',
    path: ['action'],
  });

/** Org-level and org-member-level permissions in one org. */
export const OrgPermissionsSchema = z.object({
  org: z.array(PermissionSchema).default([]),
  member: z.array(PermissionSchema).default([]),
});

const roleShape = (
  levels: z.ZodDefault<z.ZodArray<typeof PermissionSchema>> | z.ZodArray<typeof PermissionSchema>,
) =>
  z
    .object({
      name: z.string().min(1),
      displayName: z.string().optional(),
      org: z.string().min(1).optional(),
      site: levels,
      user: z.array(PermissionSchema).default([]),
      byOrg: z.record(z.string().min(1), OrgPermissionsSchema).default({}),
    })
    .refine((r) => r.org === undefined || Object.keys(r.byOrg).every((o) => o === r.org), {
      message: 'an org-bound role may only grant in its own org',
      path: ['byOrg'],
    });

/** A role value (custom roles as stored); missing levels default to empty. */
export const RoleSchema = roleShape(z.array(PermissionSchema).default([]));

/** A role by name: a site role name, or `{ name, org }` for an org role. */
export const RoleNameSchema = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), org: z.string().min(1) }).strict(),
]);

/** A subject's role: a name, or a role value (which must carry `site`, as `Role` does). */
export const RoleRefSchema = z.union([RoleNameSchema, roleShape(z.array(PermissionSchema))]);

/** One allow-list entry; `*` allowed for type and id, `''` as id for creates only (no existing row). */
export const AllowListEntrySchema = z.object({
  type: z.union([ResourceTypeSchema, z.literal(WILDCARD)]),
  id: z.string(),
});

/** A scope value. */
export const ScopeSchema = z.object({
  name: z.string(),
  role: RoleSchema,
  allowList: z.array(AllowListEntrySchema),
});

/** What a subject's `scope` may be: a name, a scope, or several merged with a stored allow list. */
export const ScopeSpecSchema = z.union([
  z.string().min(1),
  ScopeSchema,
  z.object({
    scopes: z.array(z.union([z.string().min(1), ScopeSchema])),
    allowList: z.array(AllowListEntrySchema).optional(),
  }),
]);

/** What a subject's loader left out (a `SubjectNotice`); the permission is kept as stored. */
export const SubjectNoticeSchema = z.object({
  code: z.enum(['ignored_permission', 'dropped_role']),
  role: z.string(),
  org: z.string().optional(),
  permission: z
    .object({
      type: z.string(),
      action: z.string(),
      negate: z.boolean(),
      level: z.enum(['site', 'user', 'org', 'member']),
    })
    .optional(),
  message: z.string(),
});

/** A subject; `groups` defaults to none and `scope` to `coder:all` (a full session). */
export const SubjectSchema = z.object({
  id: z.string().min(1),
  roles: z.array(RoleRefSchema),
  groups: z.array(z.string().min(1)).default([]),
  scope: ScopeSpecSchema.default('coder:all'),
  type: z.string().optional(),
  notices: z.array(SubjectNoticeSchema).optional(),
});

/** An ACL map: id -> actions (or `*`). */
export const AclMapSchema = z.record(
  z.string().min(1),
  z.array(z.union([ActionSchema, z.literal(WILDCARD)])),
);

/** An RBAC object; `org` and `anyOrg` are mutually exclusive. */
export const RbacObjectSchema = z
  .object({
    type: ResourceTypeSchema,
    id: z.string().optional(),
    owner: z.string().optional(),
    org: z.string().optional(),
    anyOrg: z.boolean().optional(),
    aclUsers: AclMapSchema.optional(),
    aclGroups: AclMapSchema.optional(),
  })
  .refine((o) => !(o.anyOrg === true && o.org), { message: 'org and anyOrg are exclusive' });
