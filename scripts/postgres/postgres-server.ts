/** Where a resolved PostgreSQL server came from, in resolution order. */
export type PostgresSource = 'DATABASE_URL' | 'testcontainers' | 'embedded';

/** A reachable PostgreSQL server: a superuser-ish URL on its maintenance database, and how to stop it. */
export interface PostgresServer {
  /** Connection URL (user, password, host, port, maintenance database). */
  readonly url: string;
  /** Which resolution step produced this server. */
  readonly source: PostgresSource;
  /** Stops and removes what the resolver started; does nothing for a server it did not start. */
  stop(): Promise<void>;
}
