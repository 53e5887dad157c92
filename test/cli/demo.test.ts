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
    expect(out).toContain(
      '  asDBPurge                boundary_log(delete) system(delete)\n',
    );
    expect(out).toMatch(/Removed the demo database from /);
    expect(io.stderr()).toContain('[5/5] tidying up: done in');
    expect(await demoDatabases(serverUrl)).toEqual(before);
  });

  it('prints its help and rejects unknown options', async () => {
    const help = captureIo({});
    expect(await runCli(['demo', '--help'], help)).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: dbauthz demo \[--keep\]/);
    const bad = captureIo({});
    expect(await runCli(['demo', '--fast'], bad)).toBe(2);
  });
});
