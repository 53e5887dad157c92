import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  closeSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/postgres/free-port.ts';
import { serverUser } from '../../scripts/postgres/server-user.ts';
import { waitForPostgres } from '../../scripts/postgres/wait-for-postgres.ts';

/** A PgBouncer in transaction mode in front of one database. */
export interface PgBouncer {
  /** URL of the database through PgBouncer (same user, no password needed). */
  readonly url: string;
  /** Its version line, e.g. `PgBouncer 1.18.0`. */
  readonly version: string;
  stop(): Promise<void>;
}

/** Where the `pgbouncer` binary is, or `undefined` when it is not installed. */
export function findPgBouncer(): string | undefined {
  for (const candidate of ['pgbouncer', '/usr/sbin/pgbouncer', '/usr/local/sbin/pgbouncer']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'pipe' });
      return candidate;
    } catch {
      // not here: try the next place
    }
  }
  return undefined;
}

/** What a test prints when it skips for want of PgBouncer. */
export const PGBOUNCER_MISSING =
  'PgBouncer is not installed: install it (Debian/Ubuntu: apt-get install pgbouncer) to run the pooler tests';

/**
 * Starts PgBouncer (`binary`) in transaction mode with `poolSize` server connections in front of
 * `upstream` (a PostgreSQL URL), as the PostgreSQL account when we are root (it refuses root).
 */
export async function startPgBouncer(
  binary: string,
  upstream: string,
  poolSize: number,
): Promise<PgBouncer> {
  const target = new URL(upstream);
  const dir = mkdtempSync(join(tmpdir(), 'dbauthz-pgbouncer-'));
  const port = await freePort();
  const database = target.pathname.slice(1) || 'postgres';
  const upstreamUser = decodeURIComponent(target.username || 'postgres');
  const password = decodeURIComponent(target.password);
  const server = [
    `host=${target.hostname}`,
    `port=${target.port || '5432'}`,
    `dbname=${database}`,
    `user=${upstreamUser}`,
    ...(password === '' ? [] : [`password=${password}`]),
  ].join(' ');
  const ini = join(dir, 'pgbouncer.ini');
  writeFileSync(
    ini,
    [
      '[databases]',
      `${database} = ${server}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = any',
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      'max_client_conn = 200',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${join(dir, 'pgbouncer.log')}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const user = serverUser();
  if (user !== undefined) {
    chmodSync(dir, 0o700);
    chownSync(dir, user.uid, user.gid);
    chownSync(ini, user.uid, user.gid);
  }
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  const log = openSync(join(dir, 'stdout.log'), 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, [ini], {
      stdio: ['ignore', log, log],
      ...(user === undefined ? {} : { uid: user.uid, gid: user.gid }),
    });
  } finally {
    closeSync(log);
  }
  const url = `postgres://${encodeURIComponent(upstreamUser)}@127.0.0.1:${port}/${database}`;
  const cleanup = () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  try {
    await waitForPostgres(url, 20_000, () =>
      child.exitCode !== null ? 'pgbouncer exited (see its log)' : undefined,
    );
  } catch (error) {
    cleanup();
    throw error;
  }
  return {
    url,
    version,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      process.removeListener('exit', cleanup);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
