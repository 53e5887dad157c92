import { createRawStore, type RawStore } from '../../../db/queries/index.ts';
import type { Organization, Template, User } from '../../../db/types.ts';
import {
  type AuthorizedStore,
  createAuthorizedStore,
} from '../../../src/dbauthz/authorized-store.ts';
import { ForbiddenError } from '../../../src/rbac/errors.ts';
import type { Subject } from '../../../src/rbac/types.ts';
import type { TestDatabase } from '../../support/database.ts';
import {
  createGroup,
  createGroupMember,
  createMember,
  createOrganization,
  createTemplate,
  createUser,
} from '../../support/factories/index.ts';

/** Two orgs and their people, for the template/workspace scenarios on PostgreSQL. */
export interface WorkspaceWorld {
  readonly raw: RawStore;
  readonly store: AuthorizedStore;
  readonly acme: Organization;
  readonly globex: Organization;
  /**
   * Acme members: alice and bob (plain), carol (in group `devs`), olga (site owner), tina (org
   * template admin), oscar (org admin); dave is a plain member of globex only.
   */
  readonly users: Record<'alice' | 'bob' | 'carol' | 'olga' | 'tina' | 'oscar' | 'dave', User>;
  /** The acme group `devs`, whose only member is carol. */
  readonly devsGroupId: string;
  /** An acme template everyone in acme may read and use (Everyone group ACL), made by tina. */
  readonly template: Template;
  /** The subject of a user as the subject builder would load it (org member + default access role). */
  subject(name: keyof WorkspaceWorld['users'], extraOrgRoles?: readonly string[]): Subject;
}

/** Seeds the world into a fresh test database through the raw store and the factories. */
export async function seedWorkspaceWorld(database: TestDatabase): Promise<WorkspaceWorld> {
  const { db } = database;
  const raw = createRawStore(db);
  const acme = await createOrganization(db, { name: 'acme' });
  const globex = await createOrganization(db, { name: 'globex' });
  const make = (username: string, rbacRoles: string[] = []) =>
    createUser(db, { username, rbacRoles });
  const users = {
    alice: await make('alice'),
    bob: await make('bob'),
    carol: await make('carol'),
    olga: await make('olga', ['owner']),
    tina: await make('tina'),
    oscar: await make('oscar'),
    dave: await make('dave'),
  };
  const orgRoles: Record<string, string[]> = {
    tina: ['organization-template-admin'],
    oscar: ['organization-admin'],
  };
  for (const [name, user] of Object.entries(users)) {
    const organizationId = name === 'dave' ? globex.id : acme.id;
    await createMember(db, { userId: user.id, organizationId });
  }
  const devs = await createGroup(db, { organizationId: acme.id, name: 'devs' });
  await createGroupMember(db, { groupId: devs.id, userId: users.carol.id });
  const template = await createTemplate(db, {
    organizationId: acme.id,
    createdBy: users.tina.id,
    name: 'docker',
    groupAcl: { [acme.id]: ['read', 'use'] },
  });
  const subject = (name: keyof typeof users, extra: readonly string[] = []): Subject => {
    const user = users[name];
    const org = name === 'dave' ? globex.id : acme.id;
    const roles: Subject['roles'] = [
      'member',
      ...user.rbacRoles,
      ...[
        'organization-member',
        'organization-workspace-access',
        ...(orgRoles[name] ?? []),
        ...extra,
      ].map((role) => ({ name: role, org })),
    ];
    return Object.freeze({
      id: user.id,
      roles,
      groups: name === 'carol' ? [devs.id] : [],
      scope: 'coder:all',
    });
  };
  return {
    raw,
    store: createAuthorizedStore(raw),
    acme,
    globex,
    users,
    devsGroupId: devs.id,
    template,
    subject,
  };
}

/** Awaits a call that must be denied and returns the hidden reason (`forbidden` / `not_found`). */
export async function denied(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ForbiddenError) return String(error.detail.reason);
    throw error;
  }
  throw new Error('expected a ForbiddenError');
}
