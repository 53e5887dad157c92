import { users } from '../../../db/schema/index.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** `users` rows as `user` objects: each user owns itself; no org, no ACL. */
export const userColumns: ColumnMap = { id: users.id, owner: users.id };
