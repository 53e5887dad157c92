import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import type { User, Workspace } from '../../db/types.ts';
import { createAuthorizedStore } from '../../src/dbauthz/authorized-store.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';

// Several application processes against one database. The library keeps nothing across requests
// (a request builds its subject from the database), so a revoke committed by any process is
// honoured by every process from its next request on: the bound is the commit, not a cache TTL.

const worker = fileURLToPath(new URL('./app-worker.ts', import.meta.url));
const PROCESSES = 4;

let database: TestDatabase;
let raw: RawStore;
let alice: User;
let orgId: string;
let workspace: Workspace;

beforeAll(async () => {
  database = await useTestDatabase();
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
afterAll(() => database?.close());

interface Report {
  requests: { startedAt: number; allowed: boolean }[];
  tracked: { allowed: number; denied: number };
}

/** Starts one app process; resolves once it serves requests. */
function startProcess() {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', worker, database.url, alice.id, workspace.id],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let output = '';
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.includes('ready\n')) markReady();
  });
  const exited = new Promise<Report>((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`app process exited with ${code}`));
      resolve(JSON.parse(output.trim().split('\n').at(-1) ?? '') as Report);
    });
  });
  return {
    ready,
    stop: () => {
      child.stdin?.end('stop\n');
      return exited;
    },
  };
}

describe('many application processes against one database', () => {
  it('honours a membership removed by another process from the next request on, and keeps usage totals exact', async () => {
    const processes = Array.from({ length: PROCESSES }, startProcess);
    await Promise.all(processes.map((p) => p.ready));
    await sleep(300);
    const single = createAuthorizedStore(raw);
    const revokedAfter = Date.now();
    await raw.deleteOrganizationMember({ organizationId: orgId, userId: alice.id });
    const committedBy = Date.now();
    await sleep(300);
    const reports = await Promise.all(processes.map((p) => p.stop()));

    const requests = reports.flatMap((r) => r.requests);
    // Not vacuous: every process served requests on both sides of the revoke.
    for (const report of reports) {
      expect(report.requests.some((r) => r.allowed && r.startedAt < revokedAfter)).toBe(true);
      expect(report.requests.some((r) => !r.allowed && r.startedAt > committedBy)).toBe(true);
    }
    // Every request that started after the commit was refused, in every process.
    expect(requests.filter((r) => r.startedAt > committedBy && r.allowed)).toEqual([]);
    // Before the revoke, every request was allowed: the same answer one process gives.
    expect(requests.filter((r) => r.startedAt < revokedAfter && !r.allowed)).toEqual([]);
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
