// Row-level security with a policy equivalent to the subject's read rule: a non-owner role,
// FORCE ROW LEVEL SECURITY, and the subject passed in session settings (`app.*`).
import postgres, { type Sql } from 'postgres';

/** The policy: the same rule as the hand-written WHERE, reading the subject from settings. */
const POLICY = `
  organization_id = ANY (current_setting('app.org_ids')::uuid[]) AND (
    owner_id = current_setting('app.user_id')::uuid
    OR (user_acl -> current_setting('app.user_id')) ?| array['read', '*']
    OR (group_acl -> organization_id::text) ?| array['read', '*']
    OR EXISTS (SELECT 1 FROM unnest(current_setting('app.group_ids')::text[]) AS g(id)
               WHERE (group_acl -> g.id) ?| array['read', '*']))`;

/** An RLS connection bound to one subject, and how to remove the role afterwards. */
export interface RlsSetup {
  readonly role: string;
  readonly policy: string;
  readonly client: Sql;
  close(): Promise<void>;
}

/** Creates the role and policy on `admin`'s database and opens a one-connection client as it. */
export async function setUpRls(
  admin: Sql,
  url: string,
  subject: { id: string; orgs: readonly string[]; groups: readonly string[] },
  debug?: (connection: number, query: string, parameters: unknown[]) => void,
): Promise<RlsSetup> {
  const role = `bench_rls_${process.pid}`;
  await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
  await admin.unsafe(`CREATE ROLE ${role} NOLOGIN`);
  await admin.unsafe(`GRANT SELECT ON workspaces TO ${role}`);
  await admin.unsafe('ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY');
  await admin.unsafe('ALTER TABLE workspaces FORCE ROW LEVEL SECURITY');
  await admin.unsafe(
    `CREATE POLICY workspaces_read ON workspaces FOR SELECT TO ${role} USING (${POLICY})`,
  );
  const client = postgres(url, { max: 1, onnotice: () => {}, ...(debug ? { debug } : {}) });
  // Session-level settings, set once: the cheapest way to feed RLS (a per-request
  // `set_config(..., true)` inside a transaction would add round trips to every query).
  await client.unsafe(`SET ROLE ${role}`);
  await client`SELECT set_config('app.user_id', ${subject.id}, false),
    set_config('app.org_ids', ${`{${subject.orgs.join(',')}}`}, false),
    set_config('app.group_ids', ${`{${subject.groups.join(',')}}`}, false)`;
  return {
    role,
    policy: POLICY.replace(/\s+/g, ' ').trim(),
    client,
    close: async () => {
      await client.end();
      await admin.unsafe(`DROP POLICY IF EXISTS workspaces_read ON workspaces`);
      await admin.unsafe(`DROP OWNED BY ${role}`);
      await admin.unsafe(`DROP ROLE IF EXISTS ${role}`);
    },
  };
}
