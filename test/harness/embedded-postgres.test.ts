// The embedded server from places a new user starts in: a clone in root's private directory, and
// a process stopped with SIGTERM (not only Ctrl-C) removes its cluster directory.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { embeddedBinaries, embeddedPackageName } from '../../scripts/postgres/embedded-binaries.ts';
import type { PostgresServer } from '../../scripts/postgres/postgres-server.ts';
import { serverUser } from '../../scripts/postgres/server-user.ts';
import { startEmbeddedPostgres } from '../../scripts/postgres/start-embedded-postgres.ts';

const root = join(import.meta.dirname, '../..');
const isRoot = process.getuid?.() === 0;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh directory (mode `mode`) removed after the test. */
function scratchDir(mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'dbauthz-embedded-test-'));
  chmodSync(dir, mode);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function setting(url: string, name: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ value: string }[]>`SELECT current_setting(${name}) AS value`;
    return row?.value ?? '';
  } finally {
    await sql.end();
  }
}

async function answers(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ one: number }[]>`SELECT 1 AS one`;
    return row?.one ?? 0;
  } finally {
    await sql.end();
  }
}

/**
 * Spawns node with tsx's loader on `args` and `env`, resolving once its stdout has a line matching
 * `ready` (by default the first line), with that line.
 */
function spawnServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp = /.+/,
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader (the tsx binary is a wrapper process that relays signals)
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l, i, all) => i < all.length - 1 && ready.test(l));
      if (line !== undefined) resolve({ child, url: line });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('exit', (code, signal) => reject(new Error(`exited (${signal ?? code}): ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

const clusters = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('dbauthz-pg-'));

describe.skipIf(!isRoot)(
  'as root, with the clone in a directory only root can enter',
  { timeout: 120_000 },
  () => {
    it('runs the server as another account from binaries and a data directory it can reach', async () => {
      const user = serverUser();
      if (user === undefined) throw new Error('unreachable: we are root');
      const real = await embeddedBinaries();
      const clone = scratchDir(0o700); // like `mktemp -d` or /root/...
      const packageDir = join(clone, 'node_modules', ...embeddedPackageName().split('/'));
      mkdirSync(join(packageDir, '..'), { recursive: true });
      symlinkSync(join(real.postgres, '../../..'), packageDir);
      const privateTmp = join(clone, 'tmp');
      mkdirSync(privateTmp);
      const inClone = {
        initdb: join(packageDir, 'native/bin/initdb'),
        postgres: join(packageDir, 'native/bin/postgres'),
      };

      const server: PostgresServer = await startEmbeddedPostgres({
        binaries: inClone,
        baseDir: privateTmp,
      });
      cleanups.push(() => server.stop());
      const dataDir = await setting(server.url, 'data_directory');
      expect(dataDir.startsWith(clone)).toBe(false); // the cluster went where the account can reach
      expect(readdirSync(privateTmp)).toEqual([]);
      await server.stop();
      expect(existsSync(dataDir)).toBe(false);
    });
  },
);

// Each starts a server (and the demo seeds a deployment): slow on a busy machine.
describe('stopping with SIGTERM removes the embedded cluster directory', {
  timeout: 120_000,
}, () => {
  it('for scripts/postgres/serve.ts, which then exits 0', async () => {
    const tmp = scratchDir(0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.DATABASE_URL; // serve.ts would use it instead of starting a server
    delete env.DOCKER_HOST;
    const { child, url } = await spawnServer(['scripts/postgres/serve.ts'], env);
    expect(await answers(url)).toBe(1);
    expect(clusters(tmp)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(clusters(tmp)).toEqual([]);
  });

  it('for a process with no signal handlers of its own, which then dies of the signal', async () => {
    const tmp = scratchDir(0o755);
    const { child, url } = await spawnServer(['test/harness/fixtures/hold-embedded-postgres.ts'], {
      ...process.env,
      TMPDIR: tmp,
    });
    expect(await answers(url)).toBe(1);
    expect(clusters(tmp)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(clusters(tmp)).toEqual([]);
  });

  it('for npm start -- --keep (the demo keeping its server), which then exits 0', async () => {
    const tmp = scratchDir(0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.DATABASE_URL; // the demo would use it instead of starting a server
    delete env.DOCKER_HOST;
    const { child } = await spawnServer(
      ['src/cli/main.ts', 'demo', '--keep'],
      env,
      /^The embedded server keeps running until/,
    );
    expect(clusters(tmp)).toHaveLength(1);
    child.kill('SIGTERM');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(clusters(tmp)).toEqual([]);
  });
});
