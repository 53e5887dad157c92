import type { RawStore } from '../../db/queries/index.ts';
import { type RegisteredResource, resources } from '../dbauthz/resources/index.ts';
import type { RbacObject } from '../rbac/index.ts';

type Loader = (raw: RawStore, id: string) => Promise<RbacObject>;

/** The registered resource's row with this id, mapped by the binding's own mapper. */
const loaderOf =
  (resource: RegisteredResource, load: NonNullable<RegisteredResource['load']>): Loader =>
  async (raw, id) =>
    resource.binding.object(await load(raw, id));

/** The workspace loader with the object's type replaced (a prebuilt workspace is checked as one). */
const workspaceAs =
  (load: Loader, type: 'prebuilt_workspace'): Loader =>
  async (raw, id) => ({ ...(await load(raw, id)), type });

function loaders(): Record<string, Loader> {
  const out: Record<string, Loader> = {};
  for (const resource of Object.values(resources) as RegisteredResource[]) {
    if (resource.load === undefined) continue;
    const load = loaderOf(resource, resource.load);
    out[resource.binding.type] = load;
    if (resource.binding.type === 'workspace') {
      out.workspace_dormant = load;
      out.prebuilt_workspace = workspaceAs(load, 'prebuilt_workspace');
    }
  }
  return out;
}

/**
 * How to read each supported resource type's row by id and map it to an RBAC object: every
 * registered resource with a point getter, by its binding's type (the same mappers the authorized
 * store uses). A `workspace` row that is dormant maps to `workspace_dormant`, as the store checks
 * it; `workspace_dormant` and `prebuilt_workspace` load a workspace the same way.
 */
export const objectLoaders: Readonly<Record<string, Loader>> = loaders();

/** The resource types `dbauthz explain` can look up by id. */
export const explainableTypes: readonly string[] = Object.keys(objectLoaders).sort();
