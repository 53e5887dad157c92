import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { ConnectionLog } from '../../db/types.ts';
import { type AuthorizedStore, createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { createSubject } from '../../src/rbac/subject.ts';
import type { RoleName, Subject } from '../../src/rbac/types.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import {
  type AgentPlacement,
  createAgentPlacement,
  createConnectionLog,
} from '../support/factories/index.ts';
import { memberOf } from '../support/subjects.ts';

const database = databaseForFile();
let raw: RawStore;
let store: AuthorizedStore;
let acme: AgentPlacement; // a workspace agent in org acme
let globex: AgentPlacement; // one in org globex
let acmeLogs: ConnectionLog[];
let globexLogs: ConnectionLog[];

const actor = (roles: RoleName[], id: string = randomUUID()): Subject =>
  createSubject({ id, roles });
const inOrg = (p: AgentPlacement, name: string, id: string = randomUUID()) =>
  memberOf(id, p.organizationId, [name]);
const ids = (logs: readonly ConnectionLog[]) => logs.map((l) => l.id);
const at = (day: number) => new Date(Date.UTC(2030, 0, day));

beforeAll(async () => {
  raw = createRawStore(database.db);
  store = createAuthorizedStore(raw);
  acme = await createAgentPlacement(database.db);
  globex = await createAgentPlacement(database.db);
  acmeLogs = [
    await createConnectionLog(database.db, acme, { connectTime: at(3) }),
    await createConnectionLog(database.db, acme, { connectTime: at(2) }),
  ];
  globexLogs = [await createConnectionLog(database.db, globex, { connectTime: at(1) })];
});

describe('connection logs through the authorized store', () => {
  it('lists and counts only their org for an org auditor, with exact paging', async () => {
    const auditor = store.as(inOrg(acme, 'organization-auditor'));
    expect(ids(await auditor.listConnectionLogs({}))).toEqual(ids(acmeLogs));
    expect(await auditor.countConnectionLogs({})).toBe(2);
    expect(ids(await auditor.listConnectionLogs({ limit: 1, offset: 1 }))).toEqual(
      ids(acmeLogs.slice(1)),
    );
    expect(await auditor.listConnectionLogs({ organizationId: globex.organizationId })).toEqual([]);
    const admin = store.as(inOrg(globex, 'organization-admin'));
    expect(ids(await admin.listConnectionLogs({}))).toEqual(ids(globexLogs));
    expect(await admin.countConnectionLogs({})).toBe(1);
  });

  it('lists every org to a site auditor and a site owner', async () => {
    for (const roles of [['auditor'], ['owner']]) {
      const reader = store.as(actor(roles));
      expect(ids(await reader.listConnectionLogs({}))).toEqual(ids([...acmeLogs, ...globexLogs]));
      expect(await reader.countConnectionLogs({})).toBe(3);
    }
  });

  it('shows a workspace owner none of the logs of their own workspace (no owner grant in the roles)', async () => {
    const owner = store.as(inOrg(acme, 'organization-workspace-access', acme.ownerId));
    expect(await owner.listConnectionLogs({ workspaceId: acme.workspaceId })).toEqual([]);
    expect(await owner.countConnectionLogs({})).toBe(0);
  });

  it('lets the connection logger record events; an org admin and the workspace owner cannot', async () => {
    const event = {
      event: 'connect' as const,
      time: at(4),
      connectionId: randomUUID(),
      organizationId: acme.organizationId,
      workspaceOwnerId: acme.ownerId,
      workspaceId: acme.workspaceId,
      workspaceName: acme.workspaceName,
      agentName: 'main',
      type: 'ssh' as const,
    };
    await expect(
      store.as(inOrg(acme, 'organization-admin')).upsertConnectionLog(event),
    ).rejects.toBeForbidden();
    await expect(
      store
        .as(inOrg(acme, 'organization-workspace-access', acme.ownerId))
        .upsertConnectionLog(event),
    ).rejects.toBeForbidden();
    expect(await raw.countConnectionLogs({ since: at(4) })).toBe(0);
    const logger = store.asConnectionLogger();
    await logger.upsertConnectionLog(event);
    const closed = await logger.upsertConnectionLog({
      ...event,
      event: 'disconnect',
      time: at(5),
      code: 0,
    });
    expect(closed).toMatchObject({
      connectionId: event.connectionId,
      connectTime: at(4),
      disconnectTime: at(5),
      code: 0,
    });
    expect(await raw.countConnectionLogs({ since: at(4) })).toBe(1);
  });

  it('lets the purge actor delete old logs; auditors, org admins and the logger cannot', async () => {
    const cutoff = at(2);
    for (const subject of [actor(['auditor']), inOrg(acme, 'organization-admin')]) {
      await expect(
        store.as(subject).deleteConnectionLogsOlderThan({ before: cutoff }),
      ).rejects.toBeForbidden();
    }
    await expect(
      store.asConnectionLogger().deleteConnectionLogsOlderThan({ before: cutoff }),
    ).rejects.toBeForbidden();
    expect(await raw.countConnectionLogs({ until: cutoff })).toBe(1);
    expect(await store.asDBPurge().deleteConnectionLogsOlderThan({ before: cutoff })).toBe(1);
    expect(ids(await raw.listConnectionLogs({ until: at(4) }))).toEqual(ids(acmeLogs));
  });

  it('also lets a site owner purge (documented: Coder checks `system` delete, which `owner` holds)', async () => {
    expect(await store.as(actor(['owner'])).deleteConnectionLogsOlderThan({ before: at(3) })).toBe(
      1,
    );
    expect(ids(await raw.listConnectionLogs({ until: at(4) }))).toEqual(ids(acmeLogs.slice(0, 1)));
  });
});
