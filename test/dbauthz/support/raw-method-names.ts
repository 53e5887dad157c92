import postgres from 'postgres';
import { createDatabase } from '../../../db/database.ts';
import { createRawStore } from '../../../db/queries/index.ts';

/** Every method of the raw store (never connects: the client is lazy and no query runs). */
export function rawMethodNames(): string[] {
  const client = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
  return Object.keys(createRawStore(createDatabase(client)))
    .filter((name) => name !== 'inTx')
    .sort();
}
