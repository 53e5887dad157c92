/** Quotes a PostgreSQL identifier, refusing names that are empty, too long or contain NUL. */
export function quoteIdentifier(name: string): string {
  if (name === '' || name.length > 63 || name.includes('\0')) {
    throw new Error(`not a usable PostgreSQL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name.replaceAll('"', '""')}"`;
}
