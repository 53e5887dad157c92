// `migrate(client | url)` and `dbauthz migrate`: the library's own journal beside an app's drizzle
// migrations, what a run applied, and the real cause of a connection or migration failure.
import { readFileSync } from 'node:fs';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as drizzleMigrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrate } from '../../db/migrate.ts';
import { runCli } from '../../src/cli/main.ts';
import { captureIo } from './support/capture-io.ts';
import { createEmptyDatabase, type EmptyDatabase } from './support/empty-database.ts';

const tags = (
  JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  }
).entries.map((entry) => entry.tag);

let db: EmptyDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function libraryTables(client: EmptyDatabase['client']): Promise<string[]> {
  const rows = await client<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_name IN ('users', 'organizations', 'workspaces')
    ORDER BY 1`;
  return rows.map((row) => row.name);
}

/** An app that already ran its own drizzle migrations (drizzle's default journal). */
async function appWithOwnMigrations(client: EmptyDatabase['client']): Promise<void> {
  await client`CREATE SCHEMA drizzle`;
  await client`CREATE TABLE drizzle.__drizzle_migrations (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`;
  await client`CREATE TABLE app_invoices (id serial PRIMARY KEY)`;
  await client`INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('app-own-hash', ${Date.now()})`;
}

describe('migrate(client)', () => {
  it('applies every migration into an empty database, then reports nothing left to apply', async () => {
    db = await createEmptyDatabase();
    expect(await migrate(db.client)).toEqual({ applied: tags, all: tags });
    expect(await libraryTables(db.client)).toEqual(['organizations', 'users', 'workspaces']);
    const journal = await db.client`SELECT count(*)::int AS n FROM dbauthz.__dbauthz_migrations`;
    expect(journal[0]?.n).toBe(tags.length);
    expect(await migrate(db.client)).toEqual({ applied: [], all: tags });
    await expect(db.client`SELECT 1`).resolves.toHaveLength(1); // the caller's client stays open
  });

  it("creates its tables in a database that already holds an app's drizzle migrations", async () => {
    db = await createEmptyDatabase();
    await appWithOwnMigrations(db.client);
    expect((await migrate(db.client)).applied).toEqual(tags);
    expect(await libraryTables(db.client)).toEqual(['organizations', 'users', 'workspaces']);
    const appJournal = await db.client`SELECT hash FROM drizzle.__drizzle_migrations`;
    expect(appJournal.map((row) => row.hash)).toEqual(['app-own-hash']);
  });

  it("adopts migrations recorded in drizzle's default journal by an earlier version, applying none twice", async () => {
    db = await createEmptyDatabase();
    await drizzleMigrate(drizzle(db.client), { migrationsFolder: MIGRATIONS_FOLDER });
    expect(await migrate(db.client)).toEqual({ applied: [], all: tags });
    const journal = await db.client`SELECT count(*)::int AS n FROM dbauthz.__dbauthz_migrations`;
    expect(journal[0]?.n).toBe(tags.length);
  });

  it("fails with PostgreSQL's reason and the statement when a migration fails, applying nothing", async () => {
    db = await createEmptyDatabase();
    await db.client`CREATE TABLE users (id serial PRIMARY KEY)`; // an app's own table of that name
    await expect(migrate(db.client)).rejects.toThrow(
      /^nothing applied: relation "users" already exists \(in CREATE TABLE "users" \( \.\.\.\); dbauthz's tables go in the public schema under generic names \(users, organizations, workspaces, \.\.\.\)$/,
    );
    expect(await libraryTables(db.client)).toEqual(['users']);
  });

  it("sends the caller's client no notices, also when there is nothing left to apply", async () => {
    db = await createEmptyDatabase();
    const notices: string[] = [];
    const client = postgres(db.url, {
      max: 1,
      onnotice: (notice) => notices.push(String(notice.message)),
    });
    try {
      expect((await migrate(client)).applied).toEqual(tags);
      expect((await migrate(client)).applied).toEqual([]);
    } finally {
      await client.end();
    }
    expect(notices).toEqual([]);
  });

  it("fails with the driver's reason when it cannot connect", async () => {
    await expect(migrate('postgres://postgres@127.0.0.1:1/nowhere')).rejects.toThrow(
      /^cannot connect: .*ECONNREFUSED/,
    );
  });
});

describe('dbauthz migrate', () => {
  it('lists what it applied, then says the database was already up to date', async () => {
    db = await createEmptyDatabase();
    const first = captureIo({ DATABASE_URL: db.url });
    expect(await runCli(['migrate'], first)).toBe(0);
    expect(first.stdout()).toContain(`migrate: applied ${tags.length} to `);
    expect(first.stdout()).toContain(tags.join(', '));
    const second = captureIo({ DATABASE_URL: db.url });
    expect(await runCli(['migrate'], second)).toBe(0);
    expect(second.stdout()).toMatch(/was already up to date\n$/);
  });

  it("shows PostgreSQL's reason in one line when a migration fails, exit 1", async () => {
    db = await createEmptyDatabase();
    await db.client`CREATE TABLE users (id serial PRIMARY KEY)`;
    const io = captureIo({ DATABASE_URL: db.url });
    expect(await runCli(['migrate'], io)).toBe(1);
    expect(io.stderr()).toMatch(
      /^dbauthz: migrate: could not migrate .*: nothing applied: relation "users" already exists \(in CREATE TABLE "users" .*\n$/,
    );
    expect(io.stderr()).not.toMatch(/Failed query|params:/);
  });

  it('shows the real cause of a connection failure in one line, exit 1', async () => {
    const io = captureIo({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(await runCli(['migrate'], io)).toBe(1);
    expect(io.stderr()).toMatch(
      /^dbauthz: migrate: could not migrate .*: cannot connect: .*ECONNREFUSED.*\n$/,
    );
    expect(io.stderr()).not.toContain('Failed query');
  });
});
