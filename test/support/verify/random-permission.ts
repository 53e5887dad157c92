import {
  type Action,
  allActions,
  catalogue,
  type Permission,
  type ResourceType,
  resourceTypes,
} from '../../../src/rbac/index.ts';
import type { Random } from './random.ts';

/** The types the SQL-filtered tables map to, drawn more often than the rest of the catalogue. */
export const hotTypes: readonly ResourceType[] = [
  'user',
  'organization',
  'template',
  'workspace',
  'workspace_dormant',
  'prebuilt_workspace',
  'group',
  'group_member',
  'organization_member',
  'api_key',
  'user_secret',
  'audit_log',
  'connection_log',
  'boundary_log',
];

/** Options of `randomPermission`. */
export interface PermissionOptions {
  /** Probability of a negated permission. */
  readonly negate?: number;
  /** Probability of `*` as type, and separately as action. */
  readonly wildcard?: number;
}

/** A random permission over the catalogue (biased to the hot types and `read`). */
export function randomPermission(random: Random, options: PermissionOptions = {}): Permission {
  const { negate = 0.25, wildcard = 0.1 } = options;
  const type: ResourceType | '*' = random.chance(wildcard)
    ? '*'
    : random.chance(0.8)
      ? random.pick(hotTypes)
      : random.pick(resourceTypes);
  const actions: readonly Action[] = type === '*' ? allActions : catalogue[type];
  const action: Action | '*' = random.chance(wildcard)
    ? '*'
    : actions.includes('read') && random.chance(0.5)
      ? 'read'
      : random.pick(actions);
  return { type, action, negate: random.chance(negate) } as Permission;
}

/** Between `min` and `max` random permissions. */
export function randomPermissions(
  random: Random,
  min: number,
  max: number,
  options?: PermissionOptions,
): Permission[] {
  return random.many(min, max, () => randomPermission(random, options));
}
