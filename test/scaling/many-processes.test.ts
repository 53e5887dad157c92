import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { User, Workspace } from '../../db/types.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { databaseForFile } from '../support/database-fixture.ts';
import { startAppProcess } from './app-process.ts';

// Several application processes against one database. The library keeps nothing across requests
// (a request builds its subject from the database), so a revoke committed by any process is
// honoured by every process from its next request on: the bound is the commit, not a cache TTL.

const PROCESSES = 4;

const database = databaseForFile();
let raw: RawStore;
let alice: User;
let orgId: string;
let workspace: Workspace;

beforeAll(async () => {
  raw = createRawStore(database.db);
  const org = await raw.insertOrganization({ name: 'acme' });
  orgId = org.id;
  alice = await raw.insertUser({ email: 'alice@example.com', username: 'alice' });
  const owner = await raw.insertUser({ email: 'olga@example.com', username: 'olga' });
  await raw.insertOrganizationMember({ organizationId: org.id, userId: alice.id });
  await raw.insertOrganizationMember({ organizationId: org.id, userId: owner.id });
  const template = await raw.insertTemplate({
    organizationId: org.id,
    name: 't',
    createdBy: owner.id,
  });
  workspace = await raw.insertWorkspace({
    ownerId: alice.id,
    organizationId: org.id,
    templateId: template.id,
    name: 'alices',
  });
  await raw.resetBoundaryUsageStats({});
});

describe('many application processes against one database', () => {
  it('honours a membership removed by another process from the next request on, and keeps usage totals exact', async () => {
    const processes = Array.from({ length: PROCESSES }, () =>
      startAppProcess(database.url, alice.id, workspace.id),
    );
    await Promise.all(processes.map((p) => p.ready));
    await sleep(300);
    const single = createAuthorizedStore(raw);
    const revokedAfter = Date.now();
    await raw.deleteOrganizationMember({ organizationId: orgId, userId: alice.id });
    const committedBy = Date.now();
    await sleep(500);
    const reports = await Promise.all(processes.map((p) => p.stop()));

    const requests = reports.flatMap((r) => r.requests);
    // Not vacuous: every process served requests on both sides of the revoke.
    for (const report of reports) {
      expect(report.requests.some((r) => r.allowed && r.endedAt < revokedAfter)).toBe(true);
      expect(report.requests.some((r) => !r.allowed && r.startedAt > committedBy)).toBe(true);
    }
    // Every request that started after the commit was refused, in every process.
    expect(requests.filter((r) => r.startedAt > committedBy && r.allowed)).toEqual([]);
    // Every request that ended before the revoke began was allowed: one process's answer. (One
    // running across the revoke may see either side of it.)
    expect(requests.filter((r) => r.endedAt < revokedAfter && !r.allowed)).toEqual([]);
    await expect(
      single.asSystemRestricted().getAuthorizationUserRoles({ userId: alice.id }),
    ).resolves.toMatchObject({ memberships: [] });

    const summary = await single.asBoundaryUsageTracker().getAndResetBoundaryUsageSummary({});
    const tracked = reports.reduce(
      (sum, r) => ({
        allowed: sum.allowed + r.tracked.allowed,
        denied: sum.denied + r.tracked.denied,
      }),
      { allowed: 0, denied: 0 },
    );
    expect(summary.allowedRequests).toBe(tracked.allowed);
    expect(summary.deniedRequests).toBe(tracked.denied);
    expect(tracked.allowed + tracked.denied).toBe(requests.length);
  }, 60_000);
});
