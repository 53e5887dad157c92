import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, seedDeployment } from '../../src/cli/seed/seed-deployment.ts';
import { createAuthorizedStore, createRawStore, type RawStore } from '../../src/index.ts';
import { type TestDatabase, useTestDatabase } from '../../test/support/database.ts';
import { bearer, hashSecret, newApiToken } from './api-token.ts';
import { createApp } from './create-app.ts';

let t: TestDatabase;
let raw: RawStore;
let d: Deployment;
let server: Server;
let base: string;
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
  t = await useTestDatabase();
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
  const store = createAuthorizedStore(raw);
  server = createServer(createApp({ store, log: () => {} }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
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
