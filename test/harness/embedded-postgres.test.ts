// The embedded server from places a new user starts in: a clone in root's private directory (from
// a copy of the binaries nobody else can have tampered with), and a process stopped with SIGTERM
// (not only Ctrl-C, also through `npm start`) removes its cluster directory.
import { type ChildProcess, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type EmbeddedBinaries,
  embeddedBinaries,
  embeddedPackageName,
} from '../../scripts/postgres/embedded-binaries.ts';
import type { PostgresServer } from '../../scripts/postgres/postgres-server.ts';
import { serverBinaries } from '../../scripts/postgres/server-binaries.ts';
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

/** The program file the server at `url` runs (Linux: its backend's /proc/<pid>/exe). */
async function serverProgram(url: string): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
    return readlinkSync(`/proc/${row?.pid}/exe`);
  } finally {
    await sql.end();
  }
}

/** Whether anything still accepts connections at `url` (a short connect timeout, no retries). */
async function stillAnswers(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await sql`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** Points `os.tmpdir()` of this process at `dir` until the test ends. */
function useTmpdir(dir: string): void {
  const before = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  cleanups.push(() => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  });
}

/**
 * A clone in a directory only root can enter (like `mktemp -d` or /root/...), its embedded-postgres
 * package linked to the installed one: the binaries, as the clone sees them, and their version.
 */
async function privateClone(): Promise<{
  clone: string;
  inClone: EmbeddedBinaries;
  version: string;
}> {
  const real = await embeddedBinaries();
  const clone = scratchDir(0o700);
  const packageDir = join(clone, 'node_modules', ...embeddedPackageName().split('/'));
  mkdirSync(join(packageDir, '..'), { recursive: true });
  symlinkSync(join(real.postgres, '../../..'), packageDir);
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    clone,
    inClone: {
      initdb: join(packageDir, 'native/bin/initdb'),
      postgres: join(packageDir, 'native/bin/postgres'),
    },
    version: manifest.version,
  };
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

/**
 * Runs `npm <args>` in its own process group, resolving once its stdout has a line matching
 * `ready`, with everything it printed so far. Whatever of the group outlives the test (the
 * processes a signal to npm failed to reach) is stopped with SIGTERM, then SIGKILL.
 */
function spawnNpm(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', args, {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    cleanups.push(async () => {
      if (child.pid === undefined) return; // never started
      const group = -child.pid;
      const alive = () => {
        try {
          process.kill(group, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (!alive()) return;
      process.kill(group, 'SIGTERM');
      for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive()) process.kill(group, 'SIGKILL');
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.split('\n').some((line, i, all) => i < all.length - 1 && ready.test(line))) {
        resolve({ child, out });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`exited (${signal ?? code}): ${err}`)));
  });
}

/** {@link exited}, failing after `ms`. */
function exitedWithin(child: ChildProcess, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running ${ms} ms after the signal`)), ms);
  });
  return Promise.race([exited(child), late]).finally(() => clearTimeout(timer));
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
    } else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

/** The cluster directories in `dir` (not the copy of the binaries a root run may leave beside them). */
const clusters = (dir: string) =>
  readdirSync(dir).filter(
    (name) => name.startsWith('dbauthz-pg-') && !name.startsWith('dbauthz-pg-binaries-'),
  );

describe.skipIf(!isRoot)(
  'as root, with the clone in a directory only root can enter',
  { timeout: 120_000 },
  () => {
    it('runs the server as another account from binaries and a data directory it can reach', async () => {
      const { clone, inClone } = await privateClone();
      const privateTmp = join(clone, 'tmp');
      mkdirSync(privateTmp);

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

    it('reuses the copy of the binaries in the temp directory only while nobody else may write to it', async () => {
      const user = serverUser();
      if (user === undefined) throw new Error('unreachable: we are root');
      const { inClone, version } = await privateClone();
      const tmp = scratchDir(0o755);
      useTmpdir(tmp);
      const shared = join(tmp, `dbauthz-pg-binaries-${version}`);

      const first = serverBinaries(inClone, user, scratchDir(0o755));
      expect(first.postgres).toBe(join(shared, 'bin/postgres'));
      expect(serverBinaries(inClone, user, scratchDir(0o755))).toEqual(first); // reused

      chmodSync(join(shared, 'lib'), 0o777); // now anyone could swap a library in
      const privateDir = scratchDir(0o755);
      const fresh = serverBinaries(inClone, user, privateDir);
      expect(fresh.postgres).toBe(join(privateDir, 'binaries/bin/postgres'));
      expect(fresh.initdb).toBe(join(privateDir, 'binaries/bin/initdb'));
      expect(existsSync(fresh.postgres)).toBe(true);
    });

    it('passes over a copy planted under that name by another account, running from a private copy removed with the cluster', async () => {
      const user = serverUser();
      if (user === undefined) throw new Error('unreachable: we are root');
      const { inClone, version } = await privateClone();
      const tmp = scratchDir(0o755);
      useTmpdir(tmp);
      const planted = join(tmp, `dbauthz-pg-binaries-${version}`);
      mkdirSync(join(planted, 'bin'), { recursive: true, mode: 0o755 });
      for (const program of ['initdb', 'postgres']) {
        writeFileSync(join(planted, 'bin', program), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
        chownSync(join(planted, 'bin', program), user.uid, user.gid);
      }
      for (const dir of [join(planted, 'bin'), planted]) chownSync(dir, user.uid, user.gid);

      const server = await startEmbeddedPostgres({ binaries: inClone });
      cleanups.push(() => server.stop());
      const clusterDir = dirname(await setting(server.url, 'data_directory'));
      expect(dirname(clusterDir)).toBe(tmp);
      expect(await serverProgram(server.url)).toBe(join(clusterDir, 'binaries/bin/postgres'));
      await server.stop();
      expect(existsSync(clusterDir)).toBe(false);
      expect(readdirSync(join(planted, 'bin')).sort()).toEqual(['initdb', 'postgres']);
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

  it('for npm start -- --keep signalled through npm itself, which passes the signal on to the demo', async () => {
    const tmp = scratchDir(0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp };
    delete env.DATABASE_URL; // the demo would use it instead of starting a server
    delete env.DOCKER_HOST;
    const { child, out } = await spawnNpm(
      ['start', '--', '--keep'],
      env,
      /^The embedded server keeps running until/,
    );
    const url = /^Kept the database: DATABASE_URL=(\S+)$/m.exec(out)?.[1] as string;
    expect(await answers(url)).toBe(1);
    expect(clusters(tmp)).toHaveLength(1);
    child.kill('SIGTERM'); // npm only: not its process group, not the node process under it
    expect(await exitedWithin(child, 30_000)).toEqual({ code: 0, signal: null });
    expect(clusters(tmp)).toEqual([]);
    expect(await stillAnswers(url)).toBe(false);
  });
});
