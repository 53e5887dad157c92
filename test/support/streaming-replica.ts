import { appendFile, cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.ts';

/** A primary and a hot standby streaming from it, both throwaway servers. */
export interface ReplicaPair {
  readonly primary: ThrowawayPostgres;
  readonly standby: ThrowawayPostgres;
  /**
   * Waits until the standby has replayed everything the primary wrote so far (its WAL insert
   * position: with `synchronous_commit=off` a commit may not even be written yet).
   */
  caughtUp(): Promise<void>;
  /** Stops both servers and deletes their directories. */
  dispose(): Promise<void>;
}

// What a base backup leaves out: the server's own run-time files and the WAL (streamed instead).
const SKIPPED = new Set([
  'postmaster.pid',
  'postmaster.opts',
  'pg_wal',
  'pg_replslot',
  'pg_stat_tmp',
]);

/**
 * Starts a throwaway primary, then a hot standby from a base backup taken with PostgreSQL's
 * low-level backup API (`pg_backup_start` / `pg_backup_stop` and a file copy; no client tools
 * needed), streaming from the primary with `primary_conninfo`.
 */
export async function startReplicaPair(): Promise<ReplicaPair> {
  const primary = await startThrowawayPostgres();
  const url = new URL(primary.url);
  const password = decodeURIComponent(url.password);
  const admin = postgres(primary.url, { max: 1, onnotice: () => {} });
  const fill = async (dataDir: string) => {
    // One session from start to stop, as the non-exclusive backup API requires.
    await admin.begin(async (sql) => {
      await sql`SELECT pg_backup_start('dbauthz-standby', true)`;
      await cp(primary.dataDir, dataDir, {
        recursive: true,
        filter: (source) => !SKIPPED.has(source.slice(primary.dataDir.length + 1)),
      });
      for (const dir of ['pg_wal/archive_status', 'pg_replslot', 'pg_stat_tmp']) {
        await mkdir(join(dataDir, dir), { recursive: true, mode: 0o700 });
      }
      const [stop] = await sql`SELECT labelfile, spcmapfile FROM pg_backup_stop(false)`;
      await writeFile(join(dataDir, 'backup_label'), String(stop?.labelfile));
      if (stop?.spcmapfile)
        await writeFile(join(dataDir, 'tablespace_map'), String(stop.spcmapfile));
    });
    await writeFile(join(dataDir, 'standby.signal'), '');
    const conninfo = `host=127.0.0.1 port=${url.port} user=postgres password=${password}`;
    await appendFile(
      join(dataDir, 'postgresql.auto.conf'),
      `primary_conninfo = '${conninfo}'\nhot_standby = on\n`,
    );
  };
  let standby: ThrowawayPostgres;
  try {
    standby = await startThrowawayPostgres({ seed: { password, fill } });
  } catch (error) {
    await admin.end({ timeout: 1 });
    await primary.dispose();
    throw error;
  }
  const replica = postgres(standby.url, { max: 1, onnotice: () => {} });
  return {
    primary,
    standby,
    async caughtUp() {
      const [target] = await admin`SELECT pg_current_wal_insert_lsn()::text AS lsn`;
      for (let i = 0; i < 400; i++) {
        const [row] = await replica`
          SELECT pg_last_wal_replay_lsn() >= ${String(target?.lsn)}::pg_lsn AS done`;
        if (row?.done === true) return;
        await sleep(25);
      }
      throw new Error('the standby did not catch up within 10 s');
    },
    async dispose() {
      await replica.end({ timeout: 1 });
      await admin.end({ timeout: 1 });
      await standby.dispose();
      await primary.dispose();
    },
  };
}
