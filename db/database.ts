import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import * as schema from './schema/index.ts';

/** A drizzle PostgreSQL database or transaction over the domain schema, whatever the driver. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Wraps a `postgres` client in a drizzle database that knows the domain schema. */
export function createDatabase(client: Sql): Database {
  return drizzle(client, { schema });
}
