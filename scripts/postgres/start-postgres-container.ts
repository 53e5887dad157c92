import type { PostgresServer } from './postgres-server.ts';

/** The image the container source runs: the same major version as CI and the embedded server. */
export const POSTGRES_IMAGE = 'postgres:15-alpine';

/** Starts a throwaway PostgreSQL 15 container through testcontainers; `stop()` removes it. */
export async function startPostgresContainer(): Promise<PostgresServer> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(POSTGRES_IMAGE)
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off'])
    .start();
  let stopped: Promise<void> | undefined;
  return {
    url: container.getConnectionUri(),
    source: 'testcontainers',
    stop() {
      stopped ??= container.stop().then(() => undefined);
      return stopped;
    },
  };
}
