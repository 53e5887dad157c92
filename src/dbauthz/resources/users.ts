import { users } from '../../../db/schema/index.ts';
import { defineResource } from './define-resource.ts';

/** `users` rows as `user` objects: each user owns itself; no org, no ACL (site level). */
export const userResource = defineResource({
  type: 'user',
  table: users,
  columns: { id: 'id', owner: 'id' },
});

/** The column map of `users` (from `userResource`). */
export const userColumns = userResource.columns;

/** A user row as its RBAC object (from `userResource`). */
export const userObject = userResource.object;
