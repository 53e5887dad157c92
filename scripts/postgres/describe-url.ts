/** Renders a PostgreSQL URL for logs without its password: `user@host:port/database`. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username === '' ? '' : `${decodeURIComponent(parsed.username)}@`;
    return `${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return '(unparsable URL)';
  }
}
