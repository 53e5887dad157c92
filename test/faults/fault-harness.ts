import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { createDatabase, type Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { createRawStore, type RawStore } from '../../db/queries/index.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';

/** A migrated throwaway server, the store under test (pool of 4) and an admin session beside it. */
export interface FaultRig {
  readonly server: ThrowawayPostgres;
  readonly client: postgres.Sql;
  readonly db: Database;
  readonly store: RawStore;
  /** Another client (never the store's) for locks, kills and checks. */
  readonly admin: postgres.Sql;
  /** Exceptions that reached `uncaughtException` while the rig ran (a default process exits). */
  readonly uncaught: unknown[];
  /** Rejections nobody handled while the rig ran (see docs/faults.md, open issues). */
  readonly rejections: unknown[];
  close(): Promise<void>;
}

/** The bound within which every call must answer, fault or not (a deadline, not a speed claim). */
export const ANSWER_BOUND_MS = 15_000;

/** Starts a throwaway server, migrates it and builds the store (with `options`) over a pool of 4. */
export async function startFaultRig(options: { timeoutMs?: number } = {}): Promise<FaultRig> {
  const server = await startThrowawayPostgres();
  await migrate(server.url);
  const uncaught: unknown[] = [];
  const rejections: unknown[] = [];
  const record = (error: unknown) => uncaught.push(error);
  process.on('uncaughtException', record);
  const recordRejection = (error: unknown) => rejections.push(error);
  process.on('unhandledRejection', recordRejection);
  const client = postgres(server.url, { max: 4, onnotice: () => {}, connect_timeout: 5 });
  const admin = postgres(server.url, {
    max: 2,
    onnotice: () => {},
    connect_timeout: 5,
    connection: { application_name: 'fault-admin' },
  });
  const db = createDatabase(client);
  return {
    server,
    client,
    db,
    store: createRawStore(db, options),
    admin,
    uncaught,
    rejections,
    async close() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', recordRejection);
      await client.end({ timeout: 1 }).catch(() => {});
      await admin.end({ timeout: 1 }).catch(() => {});
      await server.dispose();
    },
  };
}

/** How a call ended: its value, its error's `code` (or name), or `hang` past the bound. */
export type Answer<T> = { ok: true; value: T } | { ok: false; code: string } | { hang: true };

/** Awaits `work` for at most `ANSWER_BOUND_MS`. */
export async function answerOf<T>(work: Promise<T>): Promise<Answer<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<Answer<T>>((resolve) => {
    timer = setTimeout(() => resolve({ hang: true }), ANSWER_BOUND_MS);
  });
  const settled = work.then(
    (value): Answer<T> => ({ ok: true, value }),
    (error: unknown): Answer<T> => ({ ok: false, code: codeOf(error) }),
  );
  try {
    return await Promise.race([settled, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : `untyped ${String(error)}`;
}

/** Terminates the backends (other than the admin's) whose state/query match, polling until one is found. */
export async function killBackends(
  admin: postgres.Sql,
  where: { waitingOnLock?: boolean; state?: string; query?: string },
): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const rows = await admin`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
      WHERE pid <> pg_backend_pid() AND datname = current_database()
        AND backend_type = 'client backend'
        AND application_name <> 'fault-admin'
        AND ${where.waitingOnLock ? admin`wait_event_type = 'Lock'` : admin`true`}
        AND ${where.state === undefined ? admin`true` : admin`state = ${where.state}`}
        AND ${where.query === undefined ? admin`true` : admin`query ILIKE ${where.query}`}`;
    if (rows.length > 0) return rows.length;
    await sleep(50);
  }
  throw new Error(`no backend matched ${JSON.stringify(where)}`);
}

/** Retries `probe` until it succeeds (the store recovering on its own), failing after the bound. */
export async function recovered<T>(probe: () => Promise<T>): Promise<T> {
  const began = performance.now();
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (performance.now() - began > ANSWER_BOUND_MS) throw error;
      await sleep(100);
    }
  }
}
