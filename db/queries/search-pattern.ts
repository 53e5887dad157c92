import { z } from 'zod';

/** A list filter's free-text search: case-insensitive "contains", at most 64 characters. */
export const searchText = () => z.string().min(1).max(64);

/** The ILIKE pattern matching names that contain `search`, its own `%`, `_` and `\` taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, '\\$&')}%`;
}
