// `migrate(client | url)`: applies the library's migrations with drizzle's postgres-js migrator,
// keeping its own journal so it never mixes with an application's drizzle migrations.
// `npm run db:migrate` runs it on DATABASE_URL.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as runMigrations } from 'drizzle-orm/postgres-js/migrator';
import postgres, { type Sql } from 'postgres';

/** The schema holding the library's migrations journal (its tables stay in `public`). */
export const MIGRATIONS_SCHEMA = 'dbauthz';

/** The library's migrations journal table, so an app's own `drizzle.__drizzle_migrations` is untouched. */
export const MIGRATIONS_TABLE = '__dbauthz_migrations';

/** The folder holding drizzle-kit's committed migrations (beside this file, or above `dist/db`). */
const FOLDERS = ['./migrations', '../../db/migrations'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url)),
);
export const MIGRATIONS_FOLDER: string =
  FOLDERS.find((folder) => existsSync(`${folder}/meta/_journal.json`)) ?? (FOLDERS[0] as string);

/** What one {@link migrate} call did. */
export interface MigrationResult {
  /** Tags of the migrations this call applied, in order (`0000_init`, ...); empty when up to date. */
  readonly applied: readonly string[];
  /** Tags of every migration the library has. */
  readonly all: readonly string[];
}

const JOURNAL = `"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`;

/**
 * Applies every pending migration to the database of `target` (a `postgres` client, left open, or
 * a URL, connected and closed here) and reports which it applied. Connection failures are thrown
 * with the driver's own message (refused, authentication, unknown database), not a failed query;
 * a failing migration with PostgreSQL's reason and the statement (all pending ones roll back).
 */
export async function migrate(target: Sql | string): Promise<MigrationResult> {
  const client =
    typeof target === 'string' ? postgres(target, { max: 1, onnotice: () => {} }) : target;
  try {
    await connectionCheck(client);
    const entries = journalEntries();
    const before = await appliedTimes(client);
    if (before.size === 0) await adoptDefaultJournal(client);
    const adopted = await appliedTimes(client);
    // Up to date: skip drizzle's migrator, whose CREATE ... IF NOT EXISTS of the journal would
    // make PostgreSQL send "already exists, skipping" notices to the caller's client on every run.
    if (entries.some((e) => !adopted.has(e.when))) {
      try {
        await runMigrations(drizzle(client), {
          migrationsFolder: MIGRATIONS_FOLDER,
          migrationsTable: MIGRATIONS_TABLE,
          migrationsSchema: MIGRATIONS_SCHEMA,
        });
      } catch (error) {
        throw new Error(`nothing applied: ${failureReason(error)}`, { cause: error });
      }
    }
    const after = await appliedTimes(client);
    return {
      applied: entries.filter((e) => after.has(e.when) && !adopted.has(e.when)).map((e) => e.tag),
      all: entries.map((e) => e.tag),
    };
  } finally {
    if (typeof target === 'string') await client.end({ timeout: 5 });
  }
}

/** Runs `SELECT 1`, rethrowing a failure as an error whose message is the driver's reason. */
async function connectionCheck(client: Sql): Promise<void> {
  try {
    await client`SELECT 1`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot connect: ${reason}`, { cause: error });
  }
}

/** PostgreSQL's codes for "already exists": a table, view or index; a type or constraint. */
const ALREADY_EXISTS = new Set(['42P07', '42710']);

/**
 * Why a migration failed, in one line: the innermost cause (PostgreSQL's own message, which
 * drizzle's "Failed query: ..." wraps) and the first line of the statement that failed.
 */
function failureReason(error: unknown): string {
  const chain: unknown[] = [];
  for (let e = error; e != null && chain.length < 10; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
  }
  const root = chain.at(-1);
  const reason = root instanceof Error ? root.message : String(root);
  const query = chain
    .map((e) => (e as { query?: unknown }).query)
    .find((q): q is string => typeof q === 'string' && q.trim() !== '');
  const statement = query === undefined ? '' : ` (in ${query.trim().split('\n')[0]} ...)`;
  const code = (root as { code?: unknown }).code;
  const hint =
    typeof code === 'string' && ALREADY_EXISTS.has(code)
      ? "; dbauthz's tables go in the public schema under generic names (users, organizations, workspaces, ...)"
      : '';
  return `${reason}${statement}${hint}`;
}

/** The `when` (drizzle's `created_at`) and tag of each migration in the committed journal. */
function journalEntries(): { when: number; tag: string }[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  return journal.entries.map(({ when, tag }) => ({ when, tag }));
}

/** The `created_at` of every migration recorded in the library's journal (empty if none yet). */
async function appliedTimes(client: Sql): Promise<Set<number>> {
  const [found] = await client<{ table: string | null }[]>`
    SELECT to_regclass(${JOURNAL}) AS table`;
  if (found?.table == null) return new Set();
  const rows = await client.unsafe<{ created_at: string }[]>(`SELECT created_at FROM ${JOURNAL}`);
  return new Set(rows.map((row) => Number(row.created_at)));
}

/**
 * A database migrated before the library had its own journal recorded these migrations in drizzle's
 * default `drizzle.__drizzle_migrations`: copy the rows whose hash is one of ours (an app's own
 * migrations never match), so they are not applied twice.
 */
async function adoptDefaultJournal(client: Sql): Promise<void> {
  const [found] = await client<{ table: string | null }[]>`
    SELECT to_regclass('"drizzle"."__drizzle_migrations"') AS table`;
  if (found?.table == null) return;
  const recorded = await client<{ hash: string }[]>`SELECT hash FROM drizzle.__drizzle_migrations`;
  const hashes = new Set(recorded.map((row) => row.hash));
  const ours = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const firstMissing = ours.findIndex((m) => !hashes.has(m.hash));
  const adopted = firstMissing === -1 ? ours : ours.slice(0, firstMissing);
  if (adopted.length === 0) return;
  await client.begin(async (tx) => {
    await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS "${MIGRATIONS_SCHEMA}"`);
    await tx.unsafe(
      `CREATE TABLE IF NOT EXISTS ${JOURNAL} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    );
    for (const migration of adopted) {
      await tx.unsafe(`INSERT INTO ${JOURNAL} (hash, created_at) VALUES ($1, $2)`, [
        migration.hash,
        migration.folderMillis,
      ]);
    }
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('db:migrate: set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/app');
    process.exit(1);
  }
  const { applied } = await migrate(url);
  console.log(
    applied.length === 0 ? 'db:migrate: up to date' : `db:migrate: applied ${applied.join(', ')}`,
  );
}
