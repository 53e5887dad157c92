import type { RawStore } from '../../../db/queries/index.ts';
import { userColumns } from '../columns/users.ts';
import { userObject } from '../objects/user.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';

/** The target user of a write, fetched by the input's `id`. */
const userById = (raw: RawStore, input: { id: string }) => raw.getUserById({ id: input.id });

/** Authorization of the `users` area (domain.md: users). */
export const usersMethods = {
  getUserById: fetchThenAuthorize('read', userObject),
  getUserByUsername: fetchThenAuthorize('read', userObject),
  listUsers: filteredList('read', 'user', userColumns),
  countUsers: filteredCount('read', 'user', userColumns),
  insertUser: authorizeArgs('create', () => ({ type: 'user' })),
  updateUserProfile: fetchThenMutate(userById, 'update_personal', userObject),
  updateUserStatus: fetchThenMutate(userById, 'update', userObject),
} satisfies Declarations<RawStore>;
