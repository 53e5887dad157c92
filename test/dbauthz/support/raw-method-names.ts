import postgres from 'postgres';
import type { z } from 'zod';
import { createDatabase } from '../../../db/database.ts';
import { createRawStore, inputSchemaOf, type RawStore } from '../../../db/queries/index.ts';

/** A raw store over a client that never connects (it is lazy and no query runs). */
function offlineRawStore(): RawStore {
  const client = postgres('postgres://nobody@127.0.0.1:1/none', { max: 1 });
  return createRawStore(createDatabase(client));
}

/** Every method of the raw store. */
export function rawMethodNames(): string[] {
  return Object.keys(offlineRawStore())
    .filter((name) => name !== 'inTx')
    .sort();
}

/** The input schema of every raw method that carries one (`defineQuery` / `defineList`). */
export function rawInputSchemas(): Record<string, z.ZodType> {
  const raw = offlineRawStore() as unknown as Record<string, unknown>;
  const schemas: Record<string, z.ZodType> = {};
  for (const [name, method] of Object.entries(raw)) {
    const schema = inputSchemaOf(method);
    if (schema !== undefined) schemas[name] = schema;
  }
  return schemas;
}
