import type { RawStore } from '../../../db/queries/index.ts';
import type { Group, Organization, User } from '../../../db/types.ts';

/** The people of the demo deployment, by the part they play. */
export interface SeededPeople {
  readonly owner: User;
  readonly auditor: User;
  readonly templateAdmin: User;
  readonly orgAdmin: User;
  readonly member: User;
  readonly memberNoAccess: User;
  readonly bannedMember: User;
  readonly orgAuditor: User;
  readonly otherOrgMember: User;
}

/** Organizations, people and groups of the demo deployment. */
export interface SeededIdentity {
  readonly acme: Organization;
  readonly globex: Organization;
  readonly people: SeededPeople;
  readonly frontend: Group;
}

const ACCESS = 'organization-workspace-access';

/**
 * Two organizations (`acme` without default workspace access, `globex` with it), one user per role worth showing, their memberships (org
 * roles as Coder stores them: `organization-member` is implied) and a `frontend` group in acme.
 */
export async function seedIdentity(raw: RawStore): Promise<SeededIdentity> {
  // acme grants no workspace access by default (its members get it explicitly), so a member
  // without it can exist: the subject builder unions stored roles with the org's defaults.
  const acme = await raw.insertOrganization({
    name: 'acme',
    displayName: 'Acme Corp',
    isDefault: true,
    defaultOrgMemberRoles: [],
  });
  const globex = await raw.insertOrganization({ name: 'globex', displayName: 'Globex' });
  const user = (username: string, name: string, rbacRoles: string[] = []) =>
    raw.insertUser({ username, name, email: `${username}@example.com`, rbacRoles });
  const people: SeededPeople = {
    owner: await user('olivia', 'Olivia Owner', ['owner']),
    auditor: await user('audrey', 'Audrey Auditor', ['auditor']),
    templateAdmin: await user('tom', 'Tom Template-Admin', ['template-admin']),
    orgAdmin: await user('oscar', 'Oscar Org-Admin'),
    member: await user('mia', 'Mia Member'),
    memberNoAccess: await user('max', 'Max No-Access'),
    bannedMember: await user('bella', 'Bella Banned'),
    orgAuditor: await user('gus', 'Gus Globex-Auditor'),
    otherOrgMember: await user('gina', 'Gina Globex'),
  };
  const join = (org: Organization, member: User, roles?: string[]) =>
    raw.insertOrganizationMember({
      organizationId: org.id,
      userId: member.id,
      ...(roles === undefined ? {} : { roles }),
    });
  await join(acme, people.owner, [ACCESS]);
  await join(acme, people.auditor, [ACCESS]);
  await join(acme, people.templateAdmin, [ACCESS]);
  await join(acme, people.orgAdmin, ['organization-admin', ACCESS]);
  await join(acme, people.member, [ACCESS]);
  await join(acme, people.memberNoAccess, []);
  await join(acme, people.bannedMember, [ACCESS, 'organization-workspace-creation-ban']);
  await join(globex, people.orgAuditor, ['organization-auditor']);
  await join(globex, people.otherOrgMember); // globex's default: organization-workspace-access
  const frontend = await raw.insertGroup({ organizationId: acme.id, name: 'frontend' });
  await raw.insertGroupMember({ groupId: frontend.id, userId: people.member.id });
  await raw.insertGroupMember({ groupId: frontend.id, userId: people.memberNoAccess.id });
  return { acme, globex, people, frontend };
}
