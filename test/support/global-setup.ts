import type { TestProject } from 'vitest/node';
import { describeUrl } from '../../scripts/postgres/describe-url.ts';
import { resolvePostgres } from '../../scripts/postgres/resolve-postgres.ts';
import { createTemplateDatabase } from './postgres/create-template-database.ts';
import { dropRunDatabases } from './postgres/drop-databases.ts';
import { testDatabaseNames } from './postgres/test-database-names.ts';

declare module 'vitest' {
  /** Values the global setup hands to every test file through `inject()`. */
  export interface ProvidedContext {
    /** URL of the test server's maintenance database (used to create and drop databases). */
    databaseUrl: string;
    /** Name of the migrated template database every test file clones. */
    templateDatabase: string;
    /** Prefix every per-file database of this run carries; teardown drops exactly these. */
    testDatabasePrefix: string;
  }
}

/**
 * Vitest global setup: resolves a PostgreSQL server, migrates a template database for this run,
 * provides both to the test files, and returns the teardown that drops them and stops the server.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await resolvePostgres();
  const names = testDatabaseNames();
  const began = performance.now();
  try {
    await createTemplateDatabase(server.url, names.template);
  } catch (error) {
    await dropRunDatabases(server.url, names.template, names.clonePrefix).catch(() => []);
    await server.stop();
    const where = `${describeUrl(server.url)} (from ${server.source})`;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `could not create the template database ${names.template} on ${where}: ${reason}`,
      {
        cause: error,
      },
    );
  }
  console.info(
    `[postgres] template ${names.template} ready in ${Math.round(performance.now() - began)} ms`,
  );
  project.provide('databaseUrl', server.url);
  project.provide('templateDatabase', names.template);
  project.provide('testDatabasePrefix', names.clonePrefix);

  return async () => {
    try {
      await dropRunDatabases(server.url, names.template, names.clonePrefix);
    } finally {
      await server.stop();
    }
  };
}
