import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The drizzle-kit migrations folder of this repository. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../../db/migrations', import.meta.url));

/** The drizzle-kit journal; while it does not exist there are no migrations to apply. */
export const MIGRATIONS_JOURNAL = `${MIGRATIONS_FOLDER}/meta/_journal.json`;

/** Whether drizzle-kit has generated any migrations yet. */
export function hasMigrations(): boolean {
  return existsSync(MIGRATIONS_JOURNAL);
}
