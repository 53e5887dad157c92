import type { Table } from 'drizzle-orm';
import type { RawStore } from '../../../db/queries/index.ts';
import { apiKeyResource } from './api-keys.ts';
import { auditLogResource } from './audit-logs.ts';
import { boundaryLogResource } from './boundary-logs.ts';
import { connectionLogResource } from './connection-logs.ts';
import { customRoleResource } from './custom-roles.ts';
import type { ResourceBinding } from './define-resource.ts';
import { fileResource } from './files.ts';
import { groupResource } from './groups.ts';
import { organizationMemberResource } from './organization-members.ts';
import { organizationResource } from './organizations.ts';
import { provisionerDaemonResource } from './provisioner-daemons.ts';
import { provisionerJobResource } from './provisioner-jobs.ts';
import { templateResource } from './templates.ts';
import { userSecretResource } from './user-secrets.ts';
import { userResource } from './users.ts';
import { workspaceResource } from './workspaces.ts';

/** A resource in the registry: its binding, and its raw point getter by id when it has one. */
export interface RegisteredResource<Row = unknown> {
  readonly binding: ResourceBinding<Row>;
  /** Reads the row with this id through the raw store (a missing row throws, as the getter does). */
  readonly load?: (raw: RawStore, id: string) => Promise<Row>;
}

/** Pairs a binding with its point getter, checking that the getter returns the binding's rows. */
function registered<Row>(
  binding: ResourceBinding<Row, Table>,
  load?: (raw: RawStore, id: string) => Promise<Row>,
): RegisteredResource<Row> {
  return Object.freeze(load === undefined ? { binding } : { binding, load });
}

/**
 * Every resource binding, by table name: the one place the CLI's loaders and the verification
 * suite's row mappers come from. Group members are not here: their org is the group's, a
 * parameter of `groupMemberColumns` and `groupMemberObject`, not a column of the member row.
 */
export const resources = Object.freeze({
  users: registered(userResource, (raw, id) => raw.getUserById({ id })),
  organizations: registered(organizationResource, (raw, id) => raw.getOrganizationById({ id })),
  templates: registered(templateResource, (raw, id) => raw.getTemplateById({ id })),
  workspaces: registered(workspaceResource, (raw, id) => raw.getWorkspaceById({ id })),
  groups: registered(groupResource, (raw, id) => raw.getGroupById({ id })),
  files: registered(fileResource, (raw, id) => raw.getFileById({ id })),
  api_keys: registered(apiKeyResource, (raw, id) => raw.getApiKeyById({ id })),
  provisioner_jobs: registered(provisionerJobResource, (raw, id) =>
    raw.getProvisionerJobById({ id }),
  ),
  organization_members: registered(organizationMemberResource),
  custom_roles: registered(customRoleResource),
  provisioner_daemons: registered(provisionerDaemonResource),
  boundary_logs: registered(boundaryLogResource),
  connection_logs: registered(connectionLogResource),
  audit_logs: registered(auditLogResource),
  user_secrets: registered(userSecretResource),
});
