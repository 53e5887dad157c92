// The rows the store suite reads and writes: one org, a member, a template the org's Everyone
// group may use, and the member's workspace, all inserted through the raw store.
import type { RawStore } from '../../db/queries/index.ts';
import type { Subject } from '../../src/rbac/index.ts';
import { ourSubject } from '../peers/ours.ts';

/** Ids of the fixture rows and the member subject. */
export interface StoreFixture {
  readonly orgId: string;
  readonly templateId: string;
  readonly workspaceId: string;
  readonly member: Subject;
  readonly owner: Subject;
}

/** Inserts the fixture rows and returns their ids with the subjects that act on them. */
export async function insertStoreFixture(raw: RawStore): Promise<StoreFixture> {
  const org = await raw.insertOrganization({ name: 'bench-org' });
  const user = await raw.insertUser({ email: 'member@example.com', username: 'member' });
  const admin = await raw.insertUser({ email: 'owner@example.com', username: 'owner' });
  const template = await raw.insertTemplate({
    organizationId: org.id,
    name: 'bench-template',
    createdBy: admin.id,
    groupAcl: { [org.id]: ['read', 'use'] },
  });
  // A workspace's owner must be a member of its organization.
  await raw.insertOrganizationMember({ organizationId: org.id, userId: user.id });
  const workspace = await raw.insertWorkspace({
    ownerId: user.id,
    organizationId: org.id,
    templateId: template.id,
    name: 'bench-ws',
  });
  const spec = { owner: false, memberOrgs: [org.id], adminOrgs: [], groups: [] };
  return {
    orgId: org.id,
    templateId: template.id,
    workspaceId: workspace.id,
    member: ourSubject({ ...spec, id: user.id }),
    owner: ourSubject({ ...spec, id: admin.id, owner: true, memberOrgs: [] }),
  };
}
