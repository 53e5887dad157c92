import postgres from 'postgres';

/** Runs `fn` with a one-connection client on the server's maintenance database, then closes it. */
export async function withServerClient<T>(
  serverUrl: string,
  fn: (sql: postgres.Sql) => Promise<T>,
): Promise<T> {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
