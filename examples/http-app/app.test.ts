import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthorizedStore, createDatabase, createRawStore, type RawStore } from 'dbauthz';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, seedDeployment } from '../../src/cli/seed/seed-deployment.ts';
import { databaseForFile } from '../../test/support/database-fixture.ts';
import { bearer, hashSecret, newApiToken } from './api-token.ts';
import { LAST_USED_EVERY_MS } from './authenticate.ts';
import { createAppServer, TIMEOUTS } from './create-server.ts';

const t = databaseForFile();
let raw: RawStore;
let d: Deployment;
let server: Server;
let base: string;
/** Statements the app's own client sent (the test's setup uses another client). */
const statements: string[] = [];
let appClient: postgres.Sql;
const keys: Record<string, string> = {};

/** Stores a key for `userId` and returns its Authorization header. */
async function keyFor(
  userId: string,
  extra: { scopes?: string[]; allowList?: string[]; expired?: boolean } = {},
) {
  const token = newApiToken();
  await raw.insertApiKey({
    id: token.id,
    hashedSecret: hashSecret(token.secret),
    userId,
    expiresAt: new Date(Date.now() + (extra.expired ? -1 : 1) * 3_600_000),
    ...(extra.scopes === undefined ? {} : { scopes: extra.scopes }),
    ...(extra.allowList === undefined ? {} : { allowList: extra.allowList }),
  });
  return bearer(token);
}

async function call(method: string, path: string, auth: string | undefined, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(auth === undefined ? {} : { authorization: auth }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const names = (body: unknown) => (body as { name: string }[]).map((w) => w.name).sort();

beforeAll(async () => {
  raw = createRawStore(t.db);
  d = await seedDeployment(raw);
  const p = d.people;
  keys.mia = await keyFor(p.member.id);
  keys.max = await keyFor(p.memberNoAccess.id);
  keys.gina = await keyFor(p.otherOrgMember.id);
  keys.audrey = await keyFor(p.auditor.id);
  keys.gus = await keyFor(p.orgAuditor.id);
  keys.miaTemplatesOnly = await keyFor(p.member.id, { scopes: ['template:read'] });
  keys.miaOtherWorkspace = await keyFor(p.member.id, {
    allowList: [`workspace:${d.workspaces.ginaDev.workspace.id}`],
  });
  keys.miaExpired = await keyFor(p.member.id, { expired: true });
  appClient = postgres(t.url, {
    max: 4,
    onnotice: () => {},
    debug: (_connection, query) => statements.push(query),
  });
  const store = createAuthorizedStore(createRawStore(createDatabase(appClient)));
  server = createAppServer({ store, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await appClient?.end({ timeout: 5 });
});

describe('authentication', () => {
  it('answers 401 without a key, with a malformed, unknown, wrong or expired one', async () => {
    const wrongSecret = keys.mia?.replace(/-.*/, '-wrongsecretwrongsecret');
    for (const auth of [
      undefined,
      'Bearer nope',
      `Bearer abcdefghij-${'s'.repeat(22)}`,
      wrongSecret,
      keys.miaExpired,
    ]) {
      expect(await call('GET', '/workspaces', auth)).toEqual({
        status: 401,
        body: { error: 'unauthenticated' },
      });
    }
  });
});

describe('GET /workspaces', () => {
  it('lists what the SQL filter lets each caller read', async () => {
    expect(names((await call('GET', '/workspaces', keys.mia)).body)).toEqual(['mia-dev']);
    expect(names((await call('GET', '/workspaces', keys.max)).body)).toEqual(['mia-dev']); // shared by ACL
    expect(names((await call('GET', '/workspaces', keys.gina)).body)).toEqual(['gina-dev']);
    expect(names((await call('GET', '/workspaces?owner=me', keys.max)).body)).toEqual([]);
  });

  it('rejects a bad owner filter or paging with 400', async () => {
    expect(await call('GET', '/workspaces?owner=bob', keys.mia)).toEqual({
      status: 400,
      body: { error: 'invalid_input', field: 'owner' },
    });
    expect((await call('GET', '/workspaces?limit=-1', keys.mia)).status).toBe(400);
    expect((await call('GET', '/workspaces?limit=0', keys.mia)).status).toBe(400);
  });
});

describe('GET /workspaces/:id', () => {
  it('returns my own workspace', async () => {
    const res = await call('GET', `/workspaces/${d.workspaces.miaDev.workspace.id}`, keys.mia);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'mia-dev',
      ownerId: d.people.member.id,
      dormant: false,
    });
  });

  it("answers another user's workspace and a missing one with the same 404", async () => {
    expect(
      (await call('GET', `/workspaces/${d.workspaces.ginaDev.workspace.id}`, keys.gina)).status,
    ).toBe(200);
    const other = await call('GET', `/workspaces/${d.workspaces.ginaDev.workspace.id}`, keys.mia);
    const missing = await call('GET', '/workspaces/00000000-0000-4000-8000-000000000000', keys.mia);
    expect(other).toEqual({ status: 404, body: { error: 'not_found' } });
    expect(missing).toEqual(other);
  });

  it('answers 404 for a key whose scope or allow list does not cover the workspace', async () => {
    const id = d.workspaces.miaDev.workspace.id;
    expect((await call('GET', `/workspaces/${id}`, keys.mia)).status).toBe(200); // her full key
    expect((await call('GET', `/workspaces/${id}`, keys.miaTemplatesOnly)).status).toBe(404);
    expect((await call('GET', `/workspaces/${id}`, keys.miaOtherWorkspace)).status).toBe(404);
  });

  it('answers 400 for an id that is not a uuid, and 404 for unknown paths', async () => {
    expect(await call('GET', '/workspaces/not-a-uuid', keys.mia)).toEqual({
      status: 400,
      body: { error: 'invalid_input', field: 'id' },
    });
    expect((await call('GET', '/nothing-here', keys.mia)).status).toBe(404);
  });
});

describe('POST /workspaces/:id/builds', () => {
  it('starts my own workspace: 201 with the next build number', async () => {
    const res = await call(
      'POST',
      `/workspaces/${d.workspaces.miaDev.workspace.id}/builds`,
      keys.mia,
      { transition: 'start' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      transition: 'start',
      buildNumber: 2,
      initiatorId: d.people.member.id,
    });
  });

  it('answers 404 to a reader without start (ACL read only) and to another org, leaving no job behind', async () => {
    const jobsBefore = await t.client`SELECT count(*)::int AS n FROM provisioner_jobs`;
    const id = d.workspaces.miaDev.workspace.id;
    expect((await call('GET', `/workspaces/${id}`, keys.max)).status).toBe(200); // max may read it
    expect(await call('POST', `/workspaces/${id}/builds`, keys.max)).toEqual({
      status: 404,
      body: { error: 'not_found' },
    });
    expect((await call('POST', `/workspaces/${id}/builds`, keys.gina)).status).toBe(404);
    const jobsAfter = await t.client`SELECT count(*)::int AS n FROM provisioner_jobs`;
    expect(jobsAfter[0]?.n).toBe(jobsBefore[0]?.n);
  });

  it('answers 400 for a bad transition or body', async () => {
    const path = `/workspaces/${d.workspaces.miaDev.workspace.id}/builds`;
    expect(await call('POST', path, keys.mia, { transition: 'explode' })).toEqual({
      status: 400,
      body: { error: 'invalid_input', field: 'transition' },
    });
    expect(await call('POST', path, keys.mia, '{not json')).toEqual({
      status: 400,
      body: { error: 'invalid_input', field: 'body' },
    });
  });
});

describe('input the app refuses before it reaches the store', () => {
  it('answers 400 for a malformed percent-escape in the path (not a 500)', async () => {
    for (const path of ['/workspaces/%E0%A4%A', '/workspaces/%', '/workspaces/%zz/builds']) {
      const method = path.endsWith('builds') ? 'POST' : 'GET';
      expect(await call(method, path, keys.mia)).toEqual({
        status: 400,
        body: { error: 'invalid_input', field: 'id' },
      });
    }
  });

  it('answers 400 for a body that is not a JSON object, and starts nothing', async () => {
    const id = d.workspaces.miaDev.workspace.id;
    const count = async () =>
      (
        await t.client`SELECT count(*)::int AS n FROM workspace_builds WHERE workspace_id = ${id}`
      )[0]?.n;
    const before = await count();
    for (const body of ['"stop"', '[]', 'null', '42', 'true']) {
      expect(await call('POST', `/workspaces/${id}/builds`, keys.mia, body)).toEqual({
        status: 400,
        body: { error: 'invalid_input', field: 'body' },
      });
    }
    expect(await count()).toBe(before);
  });

  it('answers 400 for limit=0 and for paging that is not a plain number', async () => {
    for (const query of [
      'limit=0',
      'limit=1.5',
      'limit=1e2',
      'limit=',
      'offset=-1',
      'limit=1001',
    ]) {
      const field = query.split('=')[0];
      expect(await call('GET', `/workspaces?${query}`, keys.mia)).toEqual({
        status: 400,
        body: { error: 'invalid_input', field },
      });
    }
    expect((await call('GET', '/workspaces?limit=1', keys.mia)).status).toBe(200);
  });
});

describe('a concurrent build', () => {
  it('answers 409 when another build of the same workspace commits first', async () => {
    const id = d.workspaces.miaDev.workspace.id;
    const latest = await raw.getLatestWorkspaceBuildByWorkspace({ workspaceId: id });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // Another writer holds the next build number in an open transaction.
    const other = raw.inTx(async (tx) => {
      const job = await tx.insertProvisionerJob({
        organizationId: d.acme.id,
        initiatorId: d.people.member.id,
        type: 'workspace_build',
      });
      await tx.insertWorkspaceBuild({
        workspaceId: id,
        templateVersionId: latest.templateVersionId,
        transition: 'stop',
        initiatorId: d.people.member.id,
        jobId: job.id,
        buildNumber: latest.buildNumber + 1,
      });
      await held;
    });
    const request = call('POST', `/workspaces/${id}/builds`, keys.mia, { transition: 'start' });
    // Wait until the app's insert is blocked on that row's unique key, then let the other commit.
    for (;;) {
      const [row] = await t.client`SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if ((row?.n ?? 0) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    release();
    await other;
    expect(await request).toEqual({ status: 409, body: { error: 'conflict' } });
  });
});

describe('the server', () => {
  it('sets header, request and keep-alive timeouts', () => {
    expect(server.headersTimeout).toBe(TIMEOUTS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(TIMEOUTS.requestTimeoutMs);
    expect(server.keepAliveTimeout).toBe(TIMEOUTS.keepAliveTimeoutMs);
    expect(TIMEOUTS.requestTimeoutMs).toBeGreaterThan(0);
  });
});

describe('authentication cost', () => {
  const selectsOfKeys = (qs: string[]) =>
    qs.filter((q) => /^\s*select\b/i.test(q) && /from "api_keys"/i.test(q)).length;
  const updatesOfKeys = (qs: string[]) => qs.filter((q) => /^\s*update "api_keys"/i.test(q)).length;

  it('reads the key once per request and writes last_used at most once an hour', async () => {
    const token = newApiToken();
    await raw.insertApiKey({
      id: token.id,
      hashedSecret: hashSecret(token.secret),
      userId: d.people.member.id,
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const path = `/workspaces/${d.workspaces.miaDev.workspace.id}`;
    const lastUsed = async () => {
      const [row] = await t.client`SELECT last_used FROM api_keys WHERE id = ${token.id}`;
      return row?.last_used == null ? null : new Date(row.last_used as string | Date);
    };

    statements.length = 0;
    expect((await call('GET', path, bearer(token))).status).toBe(200);
    const first = statements.splice(0);
    expect(updatesOfKeys(first)).toBe(1); // never used: record it
    expect(await lastUsed()).not.toBeNull();

    expect((await call('GET', path, bearer(token))).status).toBe(200);
    const second = statements.splice(0);
    expect(selectsOfKeys(second)).toBe(1);
    expect(updatesOfKeys(second)).toBe(0); // used a moment ago: a read stays a read

    const stale = new Date(Date.now() - LAST_USED_EVERY_MS - 60_000);
    await t.client`UPDATE api_keys SET last_used = ${stale.toISOString()}::timestamptz WHERE id = ${token.id}`;
    expect((await call('GET', path, bearer(token))).status).toBe(200);
    expect(updatesOfKeys(statements.splice(0))).toBe(1); // over an hour old: bump it
    expect((await lastUsed())?.getTime()).toBeGreaterThan(stale.getTime());
  });

  it('sends two statements per authenticated GET: the key with its owner, then the query', async () => {
    // Mia holds no custom role; her key's last_used is fresh after the first request.
    const path = `/workspaces/${d.workspaces.miaDev.workspace.id}`;
    expect((await call('GET', path, keys.mia)).status).toBe(200);
    for (const route of [path, '/workspaces']) {
      statements.length = 0;
      expect((await call('GET', route, keys.mia)).status).toBe(200);
      const sent = statements.splice(0);
      expect(sent, sent.join('\n---\n')).toHaveLength(2);
      expect(selectsOfKeys(sent.slice(0, 1))).toBe(1); // first: the key and its owner's rows
      expect(sent[0]).toMatch(/from "users" u/i);
      expect(selectsOfKeys(sent.slice(1))).toBe(0); // then the route's own query
      expect(updatesOfKeys(sent)).toBe(0);
    }
  });
});

describe('GET /connection-logs', () => {
  it('shows every log to the site auditor, its org to an org auditor, and nothing to a member', async () => {
    const all = await call('GET', '/connection-logs', keys.audrey);
    expect(all.status).toBe(200);
    expect((all.body as unknown[]).length).toBe(
      d.counts.acme.connectionLogs + d.counts.globex.connectionLogs,
    );
    const globex = (await call('GET', '/connection-logs', keys.gus)).body as {
      organizationId: string;
    }[];
    expect(globex.length).toBe(d.counts.globex.connectionLogs);
    expect(new Set(globex.map((r) => r.organizationId))).toEqual(new Set([d.globex.id]));
    expect(await call('GET', '/connection-logs', keys.mia)).toEqual({ status: 200, body: [] });
  });
});
