// The list suite's data: 10 orgs, 1,000 users, a template per org, and N workspaces inserted
// with one `INSERT ... SELECT generate_series`. The subject (user 0, member of org 1 and group 1)
// sees exactly 1%: rows g % 400 in (0, 200) are its own, 10 shared to it by user ACL, 20 by
// group ACL, all in org 1. Other rows carry unrelated ACL entries, some are dormant or deleted.
import type { Sql } from 'postgres';
import { groupId, orgId, userId } from '../peers/ids.ts';
import { ourSubject } from '../peers/ours.ts';

const ORGS = Array.from({ length: 10 }, (_, i) => orgId(i + 1));
const USERS = Array.from({ length: 1000 }, (_, i) => userId(i));

/** The subject of every list variant, and what the hand-written WHERE and RLS policy need. */
export const listSubject = {
  id: USERS[0]!,
  orgs: [ORGS[0]!],
  groups: [groupId(1)],
  subject: ourSubject({
    id: USERS[0]!,
    owner: false,
    memberOrgs: [ORGS[0]!],
    adminOrgs: [],
    groups: [groupId(1)],
  }),
};

/** Inserts the orgs, users and templates the workspaces refer to. */
export async function seedBase(sql: Sql): Promise<void> {
  await sql`INSERT INTO users (id, email, username)
    SELECT id, 'u' || n || '@example.com', 'u' || n
    FROM unnest(${USERS}::uuid[]) WITH ORDINALITY AS t(id, n)`;
  await sql`INSERT INTO organizations (id, name)
    SELECT id, 'org-' || n FROM unnest(${ORGS}::uuid[]) WITH ORDINALITY AS t(id, n)`;
  await sql`INSERT INTO templates (id, organization_id, name, created_by)
    SELECT id, id, 'tpl', ${USERS[1]!} FROM unnest(${ORGS}::uuid[]) AS t(id)`;
}

/** Replaces the workspaces with `n` generated rows, then ANALYZEs the table. */
export async function fillWorkspaces(sql: Sql, n: number): Promise<void> {
  const me = USERS[0]!;
  const others = USERS.slice(1);
  await sql`TRUNCATE workspaces CASCADE`;
  await sql`INSERT INTO workspaces
      (owner_id, organization_id, template_id, name, user_acl, group_acl, dormant_at, deleted)
    SELECT
      CASE WHEN g % 400 IN (0, 200) THEN ${me}::uuid ELSE (${others}::uuid[])[1 + g % 999] END,
      (${ORGS}::uuid[])[1 + g % 10],
      (${ORGS}::uuid[])[1 + g % 10],
      'ws-' || substr(md5(g::text), 1, 10) || '-' || g,
      CASE WHEN g % 400 = 10 THEN jsonb_build_object(${me}::text, '["read"]'::jsonb)
           WHEN g % 50 = 3 THEN jsonb_build_object((${others}::text[])[1 + (g * 7) % 999], '["read","update"]'::jsonb)
           ELSE '{}'::jsonb END,
      CASE WHEN g % 400 = 20 THEN jsonb_build_object(${groupId(1)}::text, '["read"]'::jsonb)
           WHEN g % 97 = 1 THEN jsonb_build_object(${groupId(2)}::text, '["*"]'::jsonb)
           ELSE '{}'::jsonb END,
      CASE WHEN g % 100 = 7 THEN now() ELSE NULL END,
      g % 1000 = 999
    FROM generate_series(0, ${n - 1}) AS g`;
  await sql`ANALYZE workspaces`;
}
