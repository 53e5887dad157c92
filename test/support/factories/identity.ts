import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../../db/database.ts';
import * as s from '../../../db/schema/index.ts';
import type {
  ApiKey,
  CustomRole,
  Group,
  GroupMember,
  Organization,
  OrganizationMember,
  User,
  UserSecret,
} from '../../../db/types.ts';
import { uniqueName } from './sequence.ts';

type Insert<T extends { $inferInsert: unknown }> = Partial<T['$inferInsert']>;

/** Inserts an active user with a unique username and email and no site roles. */
export async function createUser(
  db: Database,
  overrides: Insert<typeof s.users> = {},
): Promise<User> {
  const username = overrides.username ?? uniqueName('user');
  const [row] = await db
    .insert(s.users)
    .values({ email: `${username}@example.com`, ...overrides, username })
    .returning();
  return row!;
}

/** Inserts an organization and its Everyone group (id = org id), as the store does. */
export async function createOrganization(
  db: Database,
  overrides: Insert<typeof s.organizations> = {},
): Promise<Organization> {
  const [org] = await db
    .insert(s.organizations)
    .values({ name: uniqueName('org'), ...overrides })
    .returning();
  await db.insert(s.groups).values({ id: org!.id, organizationId: org!.id, name: 'Everyone' });
  return org!;
}

/** Makes a user a member of an org (creating either when absent) with the given org roles. */
export async function createMember(
  db: Database,
  overrides: Insert<typeof s.organizationMembers> = {},
): Promise<OrganizationMember> {
  const userId = overrides.userId ?? (await createUser(db)).id;
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const [row] = await db
    .insert(s.organizationMembers)
    .values({ roles: [], ...overrides, userId, organizationId })
    .returning();
  return row!;
}

/** Inserts a group (in a new org when none is given). */
export async function createGroup(
  db: Database,
  overrides: Insert<typeof s.groups> = {},
): Promise<Group> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const [row] = await db
    .insert(s.groups)
    .values({ name: uniqueName('group'), ...overrides, organizationId })
    .returning();
  return row!;
}

/** Adds a user to a group. */
export async function createGroupMember(
  db: Database,
  values: { groupId: string; userId: string },
): Promise<GroupMember> {
  const [row] = await db.insert(s.groupMembers).values(values).returning();
  return row!;
}

/** Inserts a custom role granting `workspace:read` at org level (in a new org when none given). */
export async function createCustomRole(
  db: Database,
  overrides: Insert<typeof s.customRoles> = {},
): Promise<CustomRole> {
  const organizationId = overrides.organizationId ?? (await createOrganization(db)).id;
  const [row] = await db
    .insert(s.customRoles)
    .values({
      name: uniqueName('role'),
      orgPermissions: [{ type: 'workspace', action: 'read', negate: false }],
      ...overrides,
      organizationId,
    })
    .returning();
  return row!;
}

/** Inserts an API key valid for a day (for a new user when none is given). */
export async function createApiKey(
  db: Database,
  overrides: Insert<typeof s.apiKeys> = {},
): Promise<ApiKey> {
  const userId = overrides.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(s.apiKeys)
    .values({
      id: randomBytes(5).toString('hex'),
      hashedSecret: createHash('sha256').update(randomBytes(16)).digest(),
      expiresAt: new Date(Date.now() + 86_400_000),
      ...overrides,
      userId,
    })
    .returning();
  return row!;
}

/** Inserts a user secret (for a new user when none is given). */
export async function createUserSecret(
  db: Database,
  overrides: Insert<typeof s.userSecrets> = {},
): Promise<UserSecret> {
  const userId = overrides.userId ?? (await createUser(db)).id;
  const [row] = await db
    .insert(s.userSecrets)
    .values({ name: uniqueName('secret'), value: 'hunter2', ...overrides, userId })
    .returning();
  return row!;
}
