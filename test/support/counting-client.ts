import postgres from 'postgres';

/** A one-connection client that counts the statements it sends, and a way to price one call. */
export interface CountingClient {
  readonly client: postgres.Sql;
  /** How many statements `run` sent to PostgreSQL, with its answer. */
  cost<T>(run: () => Promise<T>): Promise<[number, T]>;
}

/**
 * Connects one counted connection to `url` and warms it up, so a connection's own setup (the
 * array types it loads) is never counted as the cost of the call under test.
 */
export async function countingClient(url: string): Promise<CountingClient> {
  let statements = 0;
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    debug: () => {
      statements += 1;
    },
  });
  await client`select 1`;
  return {
    client,
    async cost(run) {
      const before = statements;
      const answer = await run();
      return [statements - before, answer];
    },
  };
}
