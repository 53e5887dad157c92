import { userSecrets } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `user_secrets` rows as `user_secret` objects: owned by their user, no org (see `userSecretObject`). */
export const userSecretColumns: ColumnMap = { id: userSecrets.id, owner: userSecrets.userId };
