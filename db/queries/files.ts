import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { files } from '../schema/index.ts';
import type { File } from '../types.ts';
import { defineQuery, firstOrThrow, id } from './define.ts';

/** Queries over `files`. */
export function filesQueries(db: Database) {
  return {
    /** Inserts a file; the same hash uploaded twice by one creator is a conflict. */
    insertFile: defineQuery(
      z.object({
        hash: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
        createdBy: id(),
        mimetype: z.string().min(1).max(255),
        data: z.instanceof(Buffer),
      }),
      async (input): Promise<File> =>
        firstOrThrow(await db.insert(files).values(input).returning(), 'file'),
    ),

    /** The file with this id, data included. */
    getFileById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<File> =>
        firstOrThrow(await db.select().from(files).where(eq(files.id, input.id)), 'file'),
    ),
  };
}

/** The file query methods of the raw store. */
export type FilesQueries = ReturnType<typeof filesQueries>;
