import type { User } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/** A user as an RBAC object: a site-level `user` that owns itself (no org). */
export function userObject(user: Pick<User, 'id'>): RbacObject {
  return { type: 'user', id: user.id, owner: user.id };
}
