import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  type AgentPlacement,
  createAgentPlacement,
  createBoundaryLog,
  createUser,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let alice: AgentPlacement; // alice's workspace agent
let bob: AgentPlacement; // bob's, in another org

const person = (id: string, roles: Subject['roles']): Subject => createSubject({ id, roles });
const member = (p: AgentPlacement) => memberOf(p.ownerId, p.organizationId);
const entry = (url: string, time = new Date('2030-01-01T00:00:00Z')) => ({
  time,
  url,
  allowed: true,
});

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  alice = await createAgentPlacement(database.db);
  bob = await createAgentPlacement(database.db);
});

describe('boundary logs through the authorized store', () => {
  it('writes logs owned by the agent workspace owner, whatever owner/org/workspace the caller claims', async () => {
    const lie = {
      ownerId: bob.ownerId,
      organizationId: bob.organizationId,
      workspaceId: bob.workspaceId,
    };
    const asAlice = store.as(member(alice));
    const session = await asAlice.insertBoundarySession({ ...lie, agentId: alice.agentId });
    const logs = await asAlice.insertBoundaryLogs({
      ...lie,
      agentId: alice.agentId,
      sessionId: session.id,
      logs: [entry('https://lie.example/')],
    });
    const truth = {
      ownerId: alice.ownerId,
      organizationId: alice.organizationId,
      workspaceId: alice.workspaceId,
      agentId: alice.agentId,
    };
    expect(session).toMatchObject(truth);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ ...truth, sessionId: session.id });
    const stored = await raw.listBoundaryLogs({ workspaceId: alice.workspaceId });
    expect(stored.map((l) => [l.ownerId, l.url])).toEqual([
      [alice.ownerId, 'https://lie.example/'],
    ]);
    expect(await raw.countBoundaryLogs({ ownerId: bob.ownerId })).toBe(0);
  });

  it('refuses logs for an agent of someone else, even from a site owner, and writes nothing', async () => {
    const before = await raw.countBoundaryLogs({});
    const { workspaceName: _, ...aliceAgent } = alice;
    await expect(
      store.as(member(bob)).insertBoundaryLogs({ ...aliceAgent, logs: [entry('https://x/')] }),
    ).rejects.toBeForbidden('forbidden');
    const owner = person((await createUser(database.db)).id, ['owner', 'member']);
    await expect(store.as(owner).insertBoundarySession(aliceAgent)).rejects.toBeForbidden(
      'forbidden',
    );
    const ghost = { ...aliceAgent, agentId: randomUUID() };
    await expect(
      store.as(member(alice)).insertBoundaryLogs({ ...ghost, logs: [entry('https://x/')] }),
    ).rejects.toBeForbidden('not_found');
    expect(await raw.countBoundaryLogs({})).toBe(before);
  });

  it('lists every log to a site owner and an auditor, and none to a member (no member read in the roles)', async () => {
    await createBoundaryLog(database.db, bob, { url: 'https://bob.example/' });
    const all = (await raw.listBoundaryLogs({})).map((l) => l.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const roles of [['owner'], ['auditor']] as const) {
      const reader = store.as(person(randomUUID(), [...roles]));
      expect((await reader.listBoundaryLogs({})).map((l) => l.id)).toEqual(all);
      expect(await reader.countBoundaryLogs({})).toBe(all.length);
    }
    const asAlice = store.as(member(alice));
    expect(await asAlice.listBoundaryLogs({ ownerId: alice.ownerId })).toEqual([]);
    expect(await asAlice.countBoundaryLogs({})).toBe(0);
  });

  it('lets only the purge actor delete old logs; a site owner and an auditor cannot', async () => {
    const cutoff = new Date('2025-01-01T00:00:00Z');
    await createBoundaryLog(database.db, alice, { time: new Date('2020-01-01T00:00:00Z') });
    await createBoundaryLog(database.db, bob, { time: new Date('2021-01-01T00:00:00Z') });
    const newer = await raw.countBoundaryLogs({ since: cutoff });
    for (const roles of [['owner', 'member'], ['auditor']] as const) {
      const human = store.as(person(randomUUID(), [...roles]));
      await expect(human.deleteBoundaryLogsOlderThan({ before: cutoff })).rejects.toBeForbidden(
        'forbidden',
      );
    }
    await expect(
      store.asSystemRestricted().deleteBoundaryLogsOlderThan({ before: cutoff }),
    ).rejects.toBeForbidden('forbidden');
    expect(await raw.countBoundaryLogs({ until: cutoff })).toBe(2);
    expect(await store.asDBPurge().deleteBoundaryLogsOlderThan({ before: cutoff })).toBe(2);
    expect(await raw.countBoundaryLogs({ until: cutoff })).toBe(0);
    expect(await raw.countBoundaryLogs({})).toBe(newer);
  });
});
