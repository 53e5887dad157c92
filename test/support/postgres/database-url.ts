/** Returns `serverUrl` pointing at database `name` instead, keeping user, password, host and options. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}
