import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { buildSubject } from '../../src/dbauthz/subject/index.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  type AgentPlacement,
  createAgent,
  createAgentPlacement,
  createBoundarySession,
} from '../support/factories/index.ts';

// Attack: insertBoundaryLogs kept the caller's sessionId, so a member's logs landed in another
// user's boundary session, and an unknown id answered `invalid_reference` where a foreign one
// was accepted (an existence oracle). A session must belong to the agent the logs are written
// for; any other id (foreign or missing) is the same `forbidden`. Old sessions are purged by the
// purge actor.

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let alice: AgentPlacement;
let bob: AgentPlacement;

const placementOf = ({ workspaceName: _, ...placement }: AgentPlacement) => placement;
const entry = (url: string) => ({ time: new Date('2030-01-01T00:00:00Z'), url, allowed: false });
const asOwnerOf = async (p: AgentPlacement) => store.as(await buildSubject(store, p.ownerId));
/** The error a call rejects with (fails the test when it resolves). */
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error as { code?: string; message?: string },
  );

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  alice = await createAgentPlacement(database.db);
  bob = await createAgentPlacement(database.db);
});

describe('boundary log sessions', () => {
  it("refuses logs into another user's session, and writes nothing there", async () => {
    const bobsSession = await createBoundarySession(database.db, bob);
    const asAlice = await asOwnerOf(alice);
    const attack = {
      ...placementOf(alice),
      sessionId: bobsSession.id,
      logs: [entry('https://a/')],
    };
    const error = await rejection(asAlice.insertBoundaryLogs(attack));
    expect(error.code).toBe('forbidden');
    const rows =
      await database.client`SELECT 1 FROM boundary_logs WHERE session_id = ${bobsSession.id}`;
    expect(rows).toHaveLength(0);
    expect(await raw.countBoundaryLogs({ ownerId: alice.ownerId })).toBe(0);
  });

  it('answers a missing session exactly as a foreign one (no existence oracle)', async () => {
    const bobsSession = await createBoundarySession(database.db, bob);
    const asAlice = await asOwnerOf(alice);
    const base = { ...placementOf(alice), logs: [entry('https://b/')] };
    const foreign = await rejection(
      asAlice.insertBoundaryLogs({ ...base, sessionId: bobsSession.id }),
    );
    const missing = await rejection(
      asAlice.insertBoundaryLogs({ ...base, sessionId: '00000000-0000-4000-8000-00000000beef' }),
    );
    expect([foreign.code, foreign.message]).toEqual(['forbidden', 'forbidden']);
    expect([missing.code, missing.message]).toEqual([foreign.code, foreign.message]);
  });

  it('refuses a session of another agent of the same workspace', async () => {
    const sibling = await createAgent(database.db, { name: 'sibling' });
    const siblingPlacement = await createAgentPlacement(database.db, sibling.id);
    const siblingSession = await createBoundarySession(database.db, siblingPlacement);
    const asOwner = await asOwnerOf(siblingPlacement);
    const { id: buildAgentId } = (
      await raw.insertWorkspaceAgent({ buildId: sibling.buildId, name: 'other' })
    ).agent;
    const attack = {
      ...placementOf(siblingPlacement),
      agentId: buildAgentId,
      sessionId: siblingSession.id,
      logs: [entry('https://c/')],
    };
    expect((await rejection(asOwner.insertBoundaryLogs(attack))).code).toBe('forbidden');
    expect(await raw.countBoundaryLogs({ workspaceId: siblingPlacement.workspaceId })).toBe(0);
  });

  it("accepts the agent's own session", async () => {
    const asAlice = await asOwnerOf(alice);
    const session = await asAlice.insertBoundarySession(placementOf(alice));
    const logs = await asAlice.insertBoundaryLogs({
      ...placementOf(alice),
      sessionId: session.id,
      logs: [entry('https://own/')],
    });
    expect(logs.map((l) => [l.sessionId, l.ownerId, l.url])).toEqual([
      [session.id, alice.ownerId, 'https://own/'],
    ]);
  });
});

describe('purging boundary sessions', () => {
  it('deletes sessions that ended (or, still open, started) before the cutoff, as asDBPurge only', async () => {
    const placement = await createAgentPlacement(database.db);
    const old = await createBoundarySession(database.db, placement);
    const open = await createBoundarySession(database.db, placement);
    const recent = await createBoundarySession(database.db, placement);
    await database.client`UPDATE boundary_sessions SET started_at = '2020-01-01', ended_at = '2020-01-02' WHERE id = ${old.id}`;
    await database.client`UPDATE boundary_sessions SET started_at = '2020-01-01' WHERE id = ${open.id}`;
    const before = new Date('2021-01-01T00:00:00Z');
    const asOwner = await asOwnerOf(placement);
    const denied = await rejection(asOwner.deleteBoundarySessionsOlderThan({ before }));
    expect(denied.code).toBe('forbidden');
    expect(await store.asDBPurge().deleteBoundarySessionsOlderThan({ before })).toBe(2);
    const left = await database.client<{ id: string }[]>`
      SELECT id FROM boundary_sessions WHERE id IN (${old.id}, ${open.id}, ${recent.id})`;
    expect(left.map((r) => r.id)).toEqual([recent.id]);
  });
});
