// The rows the request suite reads: for each size, a user who is a member of that many orgs (with
// one explicit group in each), a workspace of theirs, and 10,000 workspaces in their first org of
// which 1% are theirs (the rest belong to other members and are not shared).
import type postgres from 'postgres';
import type { RawStore } from '../../db/queries/index.ts';

/** One size of the suite: the user, the workspace it reads, the org count. */
export interface RequestFixture {
  readonly orgs: number;
  readonly userId: string;
  readonly workspaceId: string;
  readonly orgIds: readonly string[];
  /** The user's explicit groups (one per org). */
  readonly groupIds: readonly string[];
}

/** Rows in the list table of each size, and the share the user owns. */
export const LIST_ROWS = 10_000;
const OWN_EVERY = 100;

/** Inserts one size's rows through the raw store, and its list rows in one statement. */
export async function insertRequestFixture(
  raw: RawStore,
  admin: postgres.Sql,
  orgs: number,
): Promise<RequestFixture> {
  const tag = `o${orgs}`;
  const user = await raw.insertUser({ email: `${tag}@example.com`, username: `user-${tag}` });
  const other = await raw.insertUser({ email: `${tag}-x@example.com`, username: `other-${tag}` });
  const orgIds: string[] = [];
  const groupIds: string[] = [];
  for (let i = 0; i < orgs; i++) {
    const org = await raw.insertOrganization({ name: `${tag}-org-${i}` });
    orgIds.push(org.id);
    await raw.insertOrganizationMember({ organizationId: org.id, userId: user.id });
    const group = await raw.insertGroup({ organizationId: org.id, name: `${tag}-group-${i}` });
    await raw.insertGroupMember({ groupId: group.id, userId: user.id });
    groupIds.push(group.id);
  }
  const first = orgIds[0]!;
  await raw.insertOrganizationMember({ organizationId: first, userId: other.id });
  const template = await raw.insertTemplate({
    organizationId: first,
    name: `${tag}-template`,
    createdBy: other.id,
  });
  const workspace = await raw.insertWorkspace({
    ownerId: user.id,
    organizationId: first,
    templateId: template.id,
    name: `${tag}-own`,
  });
  await admin`
    INSERT INTO workspaces (owner_id, organization_id, template_id, name)
    SELECT CASE WHEN i % ${OWN_EVERY} = 0 THEN ${user.id}::uuid ELSE ${other.id}::uuid END,
           ${first}::uuid, ${template.id}::uuid, ${tag} || '-ws-' || i
    FROM generate_series(1, ${LIST_ROWS - 1}) AS i`;
  await admin`ANALYZE workspaces`;
  return { orgs, userId: user.id, workspaceId: workspace.id, orgIds, groupIds };
}
