import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { guardClient } from './guarded-client.ts';
import * as schema from './schema/index.ts';

/** A drizzle PostgreSQL database or transaction over the domain schema, whatever the driver. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * Wraps a `postgres` client in a drizzle database that knows the domain schema. The client is
 * guarded (see `docs/faults.md`): calls can be bounded and cancelled, transactions survive a
 * connection killed under them, and using the outer database inside its own transaction fails.
 */
export function createDatabase(client: Sql): Database {
  return drizzle(guardClient(client), { schema });
}
