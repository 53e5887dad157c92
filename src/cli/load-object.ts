import type { RawStore } from '../../db/queries/index.ts';
import { apiKeyObject } from '../dbauthz/resources/api-keys.ts';
import { fileObject } from '../dbauthz/resources/files.ts';
import { groupObject } from '../dbauthz/resources/groups.ts';
import { organizationObject } from '../dbauthz/resources/organizations.ts';
import { provisionerJobObject } from '../dbauthz/resources/provisioner-jobs.ts';
import { templateObject } from '../dbauthz/resources/templates.ts';
import { userObject } from '../dbauthz/resources/users.ts';
import { workspaceObject } from '../dbauthz/resources/workspaces.ts';
import type { RbacObject } from '../rbac/index.ts';

type Loader = (raw: RawStore, id: string) => Promise<RbacObject>;

const workspaceAs =
  (type?: 'prebuilt_workspace'): Loader =>
  async (raw, id) => {
    const object = workspaceObject(await raw.getWorkspaceById({ id }));
    return type === undefined ? object : { ...object, type };
  };

/**
 * How to read each supported resource type's row by id and map it to an RBAC object (the same
 * mappers the authorized store uses). A `workspace` row that is dormant maps to
 * `workspace_dormant`, as the store checks it.
 */
export const objectLoaders: Readonly<Record<string, Loader>> = {
  user: async (raw, id) => userObject(await raw.getUserById({ id })),
  organization: async (raw, id) => organizationObject(await raw.getOrganizationById({ id })),
  template: async (raw, id) => templateObject(await raw.getTemplateById({ id })),
  workspace: workspaceAs(),
  workspace_dormant: workspaceAs(),
  prebuilt_workspace: workspaceAs('prebuilt_workspace'),
  group: async (raw, id) => groupObject(await raw.getGroupById({ id })),
  file: async (raw, id) => fileObject(await raw.getFileById({ id })),
  api_key: async (raw, id) => apiKeyObject(await raw.getApiKeyById({ id })),
  provisioner_jobs: async (raw, id) =>
    provisionerJobObject(await raw.getProvisionerJobById({ id })),
};

/** The resource types `dbauthz explain` can look up by id. */
export const explainableTypes: readonly string[] = Object.keys(objectLoaders).sort();
