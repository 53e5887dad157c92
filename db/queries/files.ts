import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { files } from '../schema/index.ts';
import type { File } from '../types.ts';
import { BOUNDS, bytes, text } from './bounds.ts';
import { defineQuery, firstOrThrow, id } from './define.ts';

/** Queries over `files`; `maxFileBytes` caps a file's data (default `BOUNDS.DEFAULT_MAX_FILE_BYTES`). */
export function filesQueries(db: Database, maxFileBytes: number = BOUNDS.DEFAULT_MAX_FILE_BYTES) {
  return {
    /** Inserts a file; the same hash uploaded twice by one creator is a conflict. */
    insertFile: defineQuery(
      z.object({
        hash: z
          .string()
          .length(64)
          .regex(/^[0-9a-f]{64}$/, 'a sha256 hex digest'),
        createdBy: id(),
        mimetype: text('LINE_MAX').min(1),
        data: bytes(maxFileBytes),
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
