import type { ApiKey } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/** An API key as an RBAC object: owned by its user, no org (user level). */
export function apiKeyObject(key: Pick<ApiKey, 'id' | 'userId'>): RbacObject {
  return { type: 'api_key', id: key.id, owner: key.userId };
}
