import { apiKeys } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `api_keys` rows as `api_key` objects: owned by their user, no org. */
export const apiKeyColumns: ColumnMap = { id: apiKeys.id, owner: apiKeys.userId };
