import { apiKeys } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/** `api_keys` rows as `api_key` objects: owned by their user, no org (user level). */
export const apiKeyResource = defineResource({
  type: 'api_key',
  table: apiKeys,
  columns: { id: 'id', owner: 'userId' },
});

/** The column map of `api_keys` (from `apiKeyResource`). */
export const apiKeyColumns = apiKeyResource.columns;

/** An API key row as its RBAC object (from `apiKeyResource`). */
export const apiKeyObject = apiKeyResource.object;
