import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { createRawStore } from '../../db/queries/index.ts';
import type { Organization, User, Workspace } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import {
  createMember,
  createOrganization,
  createTemplate,
  createUser,
  createWorkspace,
} from '../support/factories/index.ts';
import {
  findPgBouncer,
  PGBOUNCER_MISSING,
  type PgBouncer,
  startPgBouncer,
} from '../support/pgbouncer.ts';
import { memberOf } from '../support/subjects.ts';

// The store behind PgBouncer in transaction mode: every transaction may land on another server
// connection, so nothing may rely on session state between statements. The store keeps none (no
// SET, no LISTEN, no advisory locks; a transaction runs BEGIN..COMMIT on one reserved client
// connection, which PgBouncer pins to one server connection until it ends). Named prepared
// statements are session state that PgBouncer before 1.21 does not carry: postgres.js re-prepares
// a statement the server connection does not know (one more round trip), and a client created with
// `prepare: false` prepares nothing. Both are run here.

const binary = findPgBouncer();
if (binary === undefined) console.warn(`test/pooler skipped: ${PGBOUNCER_MISSING}`);

let database: TestDatabase;
let bouncer: PgBouncer;
let client: postgres.Sql;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let bob: User;
let alicesWorkspace: Workspace;
let bobsWorkspace: Workspace;

describe.skipIf(binary === undefined).each([{ prepare: false }, { prepare: true }])(
  'through PgBouncer in transaction mode (client prepare: $prepare)',
  ({ prepare }) => {
    beforeAll(async () => {
      database = await useTestDatabase();
      bouncer = await startPgBouncer(binary!, database.url, 2);
      client = postgres(bouncer.url, { max: 6, prepare, onnotice: () => {} });
      store = createAuthorizedStore(createRawStore(createDatabase(client)));
      const db = database.db;
      acme = await createOrganization(db);
      alice = await createUser(db);
      bob = await createUser(db);
      await createMember(db, { organizationId: acme.id, userId: alice.id });
      await createMember(db, { organizationId: acme.id, userId: bob.id });
      const template = await createTemplate(db, { organizationId: acme.id });
      alicesWorkspace = await createWorkspace(db, {
        ownerId: alice.id,
        organizationId: acme.id,
        templateId: template.id,
      });
      bobsWorkspace = await createWorkspace(db, {
        ownerId: bob.id,
        organizationId: acme.id,
        templateId: template.id,
      });
    }, 60_000);
    afterAll(async () => {
      await client?.end({ timeout: 5 });
      await bouncer?.stop();
      await database?.close();
    });

    // As the subject loader builds a plain member: the org's default role grants workspace access.
    const asAlice = () => store.as(memberOf(alice.id, acme.id, ['organization-workspace-access']));

    it('lists, reads and writes with the same answers as on a direct connection', async () => {
      const listed = await asAlice().listWorkspaces({ limit: 50 });
      expect(listed.map((w) => w.id)).toEqual([alicesWorkspace.id]);
      const updated = await asAlice().updateWorkspace({
        id: alicesWorkspace.id,
        autostartSchedule: 'through the pooler',
      });
      expect(updated.autostartSchedule).toBe('through the pooler');
      await expect(
        asAlice().updateWorkspace({ id: bobsWorkspace.id, autostartSchedule: 'not hers' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      const [row] = await database.client`
      SELECT autostart_schedule FROM workspaces WHERE id = ${bobsWorkspace.id}`;
      expect(row?.autostart_schedule).not.toBe('not hers');
    });

    it('keeps a transaction on one server connection: a failure rolls back every write', async () => {
      const before =
        await database.client`SELECT name FROM workspaces WHERE id = ${alicesWorkspace.id}`;
      await expect(
        asAlice().inTx(async (tx) => {
          await tx.updateWorkspace({ id: alicesWorkspace.id, autostartSchedule: 'in tx' });
          await tx.updateWorkspace({ id: bobsWorkspace.id, autostartSchedule: 'denied' });
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      const [after] = await database.client`
      SELECT name, autostart_schedule FROM workspaces WHERE id = ${alicesWorkspace.id}`;
      expect(after?.name).toBe(before[0]?.name);
      expect(after?.autostart_schedule).not.toBe('in tx');
      const committed = await asAlice().inTx(async (tx) => {
        await tx.updateWorkspace({ id: alicesWorkspace.id, autostartSchedule: 'committed' });
        return (await tx.getWorkspaceById({ id: alicesWorkspace.id })).autostartSchedule;
      });
      expect(committed).toBe('committed');
    });

    it('answers 24 concurrent calls over 2 server connections, each as if alone', async () => {
      const calls = Array.from({ length: 24 }, (_, i) => {
        if (i % 3 === 0)
          return asAlice()
            .listWorkspaces({ limit: 50 })
            .then((rows) => rows.length);
        if (i % 3 === 1)
          return asAlice()
            .getWorkspaceById({ id: alicesWorkspace.id })
            .then(() => 1);
        return asAlice()
          .inTx(async (tx) => {
            await tx.updateWorkspace({ id: alicesWorkspace.id, autostartSchedule: `c${i}` });
            return (await tx.getWorkspaceById({ id: alicesWorkspace.id })).autostartSchedule;
          })
          .then((schedule) => (schedule === `c${i}` ? 1 : 0));
      });
      expect(await Promise.all(calls)).toEqual(Array.from({ length: 24 }, () => 1));
    });
  },
);
