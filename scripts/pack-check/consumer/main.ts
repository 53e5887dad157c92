// A consumer of the installed package, compiled by tsc (strict, nodenext) and run by plain node in
// the pack check: the README's "Using it in an app" code (copied in beside this file as
// using-dbauthz.ts), the `dbauthz/rbac` engine and the `dbauthz/schema` tables, against PostgreSQL.
import { strict as assert } from 'node:assert';
import { type AuthorizedStore, type MigrationResult, migrate, type Workspace } from 'dbauthz';
import { authorize, createSubject, object, type Subject } from 'dbauthz/rbac';
import * as schema from 'dbauthz/schema';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createStore, getWorkspace, purgeOldBoundaryLogs } from './using-dbauthz.ts';

const url = process.env.DATABASE_URL;
if (url === undefined) throw new Error('set DATABASE_URL to an empty database');

const orgId = '6a3c0c4e-0000-4000-8000-00000000000a';
const alice: Subject = createSubject({
  id: 'alice',
  roles: ['member', { name: 'organization-member', org: orgId }],
});
assert.equal(authorize(alice, 'read', object('template').withId('t').inOrg(orgId)), false);
// The published types are real, not `any` (the library's .d.ts files are skipped by skipLibCheck,
// so an unresolved import there would only show as these expected errors going unused).
export function typeErrors(result: MigrationResult): void {
  // @ts-expect-error: 'fly' is not an action of the catalogue
  authorize(alice, 'fly', object('template'));
  // @ts-expect-error: a migration result's tags are read-only
  result.applied.push('x');
}

const client = postgres(url, { max: 2, onnotice: () => {} });
try {
  const result: MigrationResult = await migrate(client);
  assert.ok(result.applied.length > 0, 'migrate(client) applied nothing to an empty database');

  // Seed through the exported drizzle schema, as an app's own code (or drizzle-kit) sees it.
  const db = drizzle(client, { schema });
  const [org] = await db.insert(schema.organizations).values({ name: 'acme' }).returning();
  assert.ok(org);
  await db.insert(schema.groups).values({ id: org.id, organizationId: org.id, name: 'Everyone' });
  const people = await db
    .insert(schema.users)
    .values([
      { username: 'owner1', email: 'owner1@example.com' },
      { username: 'stranger', email: 'stranger@example.com' },
    ])
    .returning();
  const [owner, stranger] = people;
  assert.ok(owner && stranger);
  await db.insert(schema.organizationMembers).values([
    { userId: owner.id, organizationId: org.id, roles: [] },
    { userId: stranger.id, organizationId: org.id, roles: [] },
  ]);
  const [template] = await db
    .insert(schema.templates)
    .values({ name: 'dev', organizationId: org.id, createdBy: owner.id })
    .returning();
  assert.ok(template);
  const [row] = await db
    .insert(schema.workspaces)
    .values({ name: 'ws', organizationId: org.id, ownerId: owner.id, templateId: template.id })
    .returning();
  assert.ok(row);

  const store: AuthorizedStore = createStore(client);
  // @ts-expect-error: the store validates ids as strings; a number does not type-check
  void (() => store.asSystemRestricted().getWorkspaceById({ id: 1 }));
  const own = await getWorkspace(store, owner.id, row.id);
  const body: Workspace | undefined = own.body;
  assert.equal(own.status, 200);
  assert.equal(body?.id, row.id);
  assert.deepEqual(await getWorkspace(store, stranger.id, row.id), { status: 404 });
  assert.deepEqual(await getWorkspace(store, owner.id, 'not-a-uuid'), { status: 400 });
  assert.equal(await purgeOldBoundaryLogs(store, new Date('2000-01-01T00:00:00Z')), 0);
  console.log(`consumer: migrated (${result.applied.length}), owner 200, stranger 404, bad id 400`);
} finally {
  await client.end({ timeout: 5 });
}
