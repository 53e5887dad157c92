import { createHash } from 'node:crypto';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';

async function demoDatabases(serverUrl: string): Promise<string[]> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`SELECT datname FROM pg_database WHERE datname LIKE 'dbauthz_demo_%'`;
    return rows.map((r) => String(r.datname));
  } finally {
    await sql.end();
  }
}

describe('dbauthz demo (npm start) against DATABASE_URL', () => {
  it('seeds a fresh database, tells the story, exits 0 and drops what it created', async () => {
    const serverUrl = inject('databaseUrl');
    const before = await demoDatabases(serverUrl);
    const io = captureIo({ DATABASE_URL: serverUrl });
    expect(await runCli(['demo'], io)).toBe(0);
    const out = io.stdout();
    for (const section of [
      'The deployment',
      'Who may do what (every cell is a call to the authorized store, rolled back)',
      'Why: decisions explained by the engine',
      'System actors: least privilege for background jobs',
    ]) {
      expect(out).toContain(`\n${section}\n`);
    }
    const actorRows = out
      .split('\n')
      .filter((line) => /^(olivia|audrey|tom|oscar|mia|max|bella|gus|gina) \(/.test(line));
    expect(actorRows).toHaveLength(9);
    expect(out).toContain(
      '- bella may create a workspace in acme? DENIED (negative_permission): a negative permission denies create on workspace',
    );
    expect(out).toContain('  asDBPurge                boundary_log(delete) system(delete)\n');
    expect(out).toMatch(/Removed the demo database from /);
    expect(io.stderr()).toContain('[5/5] tidying up: done in');
    expect(await demoDatabases(serverUrl)).toEqual(before);
  });

  it("answers an unreachable DATABASE_URL in one line with the driver's reason, exit 1", async () => {
    const io = captureIo({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/nowhere' });
    expect(await runCli(['demo'], io)).toBe(1);
    expect(io.stderr()).toBe(
      'dbauthz: demo: cannot reach the database at DATABASE_URL (postgres://postgres:***@127.0.0.1:1/nowhere): connect ECONNREFUSED 127.0.0.1:1\n',
    );
    expect(io.stdout()).toBe('');
  });

  it('prints its help and rejects unknown options', async () => {
    const help = captureIo({});
    expect(await runCli(['demo', '--help'], help)).toBe(0);
    expect(help.stdout().split('\n')[0]).toBe(
      'Usage: dbauthz demo [--keep]      (in a clone of the repository: npm start)',
    );
    const bad = captureIo({});
    expect(await runCli(['demo', '--fast'], bad)).toBe(2);
  });
});

describe('dbauthz demo --keep against DATABASE_URL', () => {
  it('keeps the database and prints a user, her workspace id and an API key that authenticates', async () => {
    const serverUrl = inject('databaseUrl');
    const before = await demoDatabases(serverUrl);
    const io = captureIo({ DATABASE_URL: serverUrl });
    expect(await runCli(['demo', '--keep'], io)).toBe(0);
    const out = io.stdout();
    const url = /^Kept the database: DATABASE_URL=(\S+)$/m.exec(out)?.[1];
    const workspaceId = /^User: mia \(a member of acme\); her workspace mia-dev: (\S+)$/m.exec(
      out,
    )?.[1];
    const key = /^API key of mia \(until [\d-]+\): ([A-Za-z0-9]{10})-([A-Za-z0-9]{22})$/m.exec(out);
    expect(url && workspaceId && key).toBeTruthy();
    expect(out).toContain(`npx dbauthz explain --as mia start workspace ${workspaceId}`);
    expect(out).toContain(`curl -H 'Authorization: Bearer ${key?.[1]}-${key?.[2]}'`);
    // what works from an installed package first; the example app only exists in a clone
    expect(out).toContain(
      `The example app (in a clone of the repository), then a request to it as mia:\n  DATABASE_URL='${url}' npm run example\n`,
    );
    const name = new URL(url as string).pathname.slice(1);
    const sql = postgres(url as string, { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql`SELECT k.hashed_secret, u.username FROM api_keys k
        JOIN users u ON u.id = k.user_id WHERE k.id = ${key?.[1] as string}`;
      const hashed = createHash('sha256')
        .update(key?.[2] as string)
        .digest();
      expect(row?.username).toBe('mia');
      expect(Buffer.compare(row?.hashed_secret as Buffer, hashed)).toBe(0);
      const [ws] = await sql`SELECT name FROM workspaces WHERE id = ${workspaceId as string}`;
      expect(ws?.name).toBe('mia-dev');
    } finally {
      await sql.end();
      const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
    expect(await demoDatabases(serverUrl)).toEqual(before);
  });
});
