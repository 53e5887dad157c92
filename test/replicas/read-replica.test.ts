import { createHash, randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { Organization, User, Workspace } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { type ReplicaPair, startReplicaPair } from '../support/streaming-replica.ts';
import { memberOf } from '../support/subjects.ts';

// A primary and a hot standby streaming from it (throwaway servers from the embedded binaries;
// the standby is made with PostgreSQL's low-level backup API, so no client tools are needed). The
// store is given the replica: reads that may lag go there, writes (and the reads their checks
// make), transactions and the reads that decide who the caller is go to the primary.

let pair: ReplicaPair;
let primaryClient: postgres.Sql;
let replicaClient: postgres.Sql;
/** Superuser session on the standby, to pause and resume its replay. */
let standbyAdmin: postgres.Sql;
const sent = { primary: 0, replica: 0 };
let raw: RawStore;
let store: AuthorizedStore;
let acme: Organization;
let alice: User;
let bob: User;
let alicesWorkspace: Workspace;

beforeAll(async () => {
  pair = await startReplicaPair();
  await migrate(pair.primary.url);
  const count = (side: keyof typeof sent) => () => {
    sent[side]++;
  };
  primaryClient = postgres(pair.primary.url, {
    max: 2,
    onnotice: () => {},
    debug: count('primary'),
  });
  replicaClient = postgres(pair.standby.url, {
    max: 2,
    onnotice: () => {},
    debug: count('replica'),
  });
  standbyAdmin = postgres(pair.standby.url, { max: 1, onnotice: () => {} });
  raw = createRawStore(createDatabase(primaryClient), { replica: createDatabase(replicaClient) });
  store = createAuthorizedStore(raw);
  const seed = raw.onPrimary();
  acme = await seed.insertOrganization({ name: 'acme' });
  alice = await seed.insertUser({ email: 'alice@example.com', username: 'alice' });
  bob = await seed.insertUser({ email: 'bob@example.com', username: 'bob' });
  for (const user of [alice, bob]) {
    await seed.insertOrganizationMember({ organizationId: acme.id, userId: user.id });
  }
  const template = await seed.insertTemplate({
    organizationId: acme.id,
    name: 'base',
    createdBy: bob.id,
  });
  alicesWorkspace = await seed.insertWorkspace({
    ownerId: alice.id,
    organizationId: acme.id,
    templateId: template.id,
    name: 'alices',
  });
  await seed.insertWorkspace({
    ownerId: bob.id,
    organizationId: acme.id,
    templateId: template.id,
    name: 'bobs',
  });
  await pair.caughtUp();
}, 120_000);

afterAll(async () => {
  await standbyAdmin?.end({ timeout: 1 });
  await primaryClient?.end({ timeout: 1 });
  await replicaClient?.end({ timeout: 1 });
  await pair?.dispose();
});

/** A plain member, as the subject loader builds one (the org's default role included). */
const as = (user: User) => store.as(memberOf(user.id, acme.id, ['organization-workspace-access']));
const orgAdmin = () => store.as(memberOf(bob.id, acme.id, ['organization-admin']));

/** Statements each side received while `fn` ran. */
async function statementsOf(fn: () => Promise<unknown>) {
  const before = { ...sent };
  await fn();
  return { primary: sent.primary - before.primary, replica: sent.replica - before.replica };
}

/** Runs `fn` while the standby's replay is paused (it keeps receiving WAL, applies none). */
async function withReplayPaused<T>(fn: () => Promise<T>): Promise<T> {
  await standbyAdmin`SELECT pg_wal_replay_pause()`;
  try {
    return await fn();
  } finally {
    await standbyAdmin`SELECT pg_wal_replay_resume()`;
  }
}

describe('a store with a read replica', () => {
  it('sends reads and lists to the replica, and a write with its checks to the primary', async () => {
    await as(alice).listWorkspaces({ limit: 1 }); // a first connection also loads the server's types
    expect(
      await statementsOf(async () => {
        await as(alice).getWorkspaceById({ id: alicesWorkspace.id });
        await as(alice).listWorkspaces({ limit: 50 });
      }),
    ).toEqual({ primary: 0, replica: 2 });
    const write = await statementsOf(() =>
      as(alice).updateWorkspace({ id: alicesWorkspace.id, autostartSchedule: 'routed' }),
    );
    expect(write.replica).toBe(0);
    expect(write.primary).toBeGreaterThanOrEqual(1);
  });

  it('filters on the replica exactly as on the primary', async () => {
    await pair.caughtUp();
    for (const actor of [as(alice), as(bob), orgAdmin()]) {
      const onReplica = (await actor.listWorkspaces({ limit: 50 })).map((w) => w.name);
      const onPrimary = (await actor.onPrimary().listWorkspaces({ limit: 50 })).map((w) => w.name);
      expect(onReplica).toEqual(onPrimary);
    }
    expect((await as(alice).listWorkspaces({ limit: 50 })).map((w) => w.name)).toEqual(['alices']);
    expect((await orgAdmin().listWorkspaces({ limit: 50 })).map((w) => w.name)).toEqual([
      'alices',
      'bobs',
    ]);
  });

  it('reads its own writes through onPrimary() while the replica lags', async () => {
    await pair.caughtUp();
    await withReplayPaused(async () => {
      await as(alice).updateWorkspace({ id: alicesWorkspace.id, autostartSchedule: 'fresh' });
      const lagging = await as(alice).getWorkspaceById({ id: alicesWorkspace.id });
      expect(lagging.autostartSchedule).not.toBe('fresh');
      const own = await as(alice).onPrimary().getWorkspaceById({ id: alicesWorkspace.id });
      expect(own.autostartSchedule).toBe('fresh');
    });
    await pair.caughtUp();
    const replayed = await as(alice).getWorkspaceById({ id: alicesWorkspace.id });
    expect(replayed.autostartSchedule).toBe('fresh');
  });

  it('looks API keys up on the primary: a deleted key stops at once, whatever the lag', async () => {
    const id = randomBytes(8).toString('hex');
    const hashedSecret = createHash('sha256').update(randomBytes(16)).digest();
    const expiresAt = new Date(Date.now() + 3_600_000);
    await raw.insertApiKey({ id, hashedSecret, userId: alice.id, expiresAt });
    await pair.caughtUp();
    await withReplayPaused(async () => {
      await raw.deleteApiKey({ id });
      const [stale] = await replicaClient`SELECT count(*)::int AS n FROM api_keys WHERE id = ${id}`;
      expect(stale?.n).toBe(1);
      // A missing row reads as a denial (the store never tells missing from forbidden).
      await expect(store.asSystemRestricted().getApiKeyById({ id })).rejects.toMatchObject({
        code: 'forbidden',
      });
    });
  });

  it('refuses a write sent to the replica with a typed error, and writes nothing', async () => {
    const misconfigured = createRawStore(createDatabase(replicaClient));
    await expect(
      misconfigured.insertUser({ email: 'carol@example.com', username: 'carol' }),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/read-only/) });
    const [row] =
      await primaryClient`SELECT count(*)::int AS n FROM users WHERE username = 'carol'`;
    expect(row?.n).toBe(0);
  });
});
