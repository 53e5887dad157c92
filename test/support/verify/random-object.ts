import type { AclMap, RbacObject, ResourceType } from '../../../src/rbac/index.ts';
import { hostileAcl } from './hostile-acl.ts';
import type { Random } from './random.ts';
import type { WorldPlan } from './world-plan.ts';

const missing = [undefined, null, ''] as const;

/**
 * A random row-like object of `type` from the world: ids, owners (often `subjectId`) and orgs that
 * are real, phantom or missing (undefined, null or ''), with hostile ACLs.
 */
export function randomObject(
  random: Random,
  world: WorldPlan,
  type: ResourceType,
  subjectId: string,
): RbacObject {
  const field = <T>(values: readonly T[]) =>
    random.chance(0.2) ? random.pick(missing) : random.pick(values);
  const orgs = world.orgs.map((o) => o.id);
  const org = field([...orgs.slice(0, 4), ...orgs.slice(0, 4), world.phantoms.org]);
  const context = {
    users: [...world.users.map((u) => u.id), subjectId],
    orgs,
    groups: world.groups,
    phantoms: world.phantoms,
  };
  const aclOrg = typeof org === 'string' && org !== '' ? org : world.phantoms.org;
  const actions = ['read', 'update', 'use', 'ssh', 'delete'];
  return {
    type,
    id: field([...world.templates.map((t) => t.id), random.uuid()]),
    owner: field([subjectId, subjectId, ...world.users.map((u) => u.id), world.phantoms.user]),
    org,
    aclUsers: hostileAcl(random, context, aclOrg, 'user', actions) as AclMap,
    aclGroups: hostileAcl(random, context, aclOrg, 'group', actions) as AclMap,
  } as RbacObject;
}
