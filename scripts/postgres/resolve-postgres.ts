import { containerRuntimeAvailable } from './container-runtime-available.ts';
import { describeUrl } from './describe-url.ts';
import type { PostgresServer, PostgresSource } from './postgres-server.ts';
import { PostgresUnavailableError } from './postgres-unavailable-error.ts';
import { startEmbeddedPostgres } from './start-embedded-postgres.ts';
import { startPostgresContainer } from './start-postgres-container.ts';

/** Options for {@link resolvePostgres}; every field has a default suited to tests and scripts. */
export interface ResolvePostgresOptions {
  /** Environment to read `DATABASE_URL` and Docker settings from; defaults to `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  /** Sources to try, in order; defaults to all three. */
  readonly sources?: readonly PostgresSource[];
  /** How long a container runtime may take to answer; defaults to 3 s. */
  readonly containerProbeTimeoutMs?: number;
  /** Receives the one line saying which source was chosen; defaults to `console.info`. */
  readonly log?: (line: string) => void;
}

const ALL_SOURCES: readonly PostgresSource[] = ['DATABASE_URL', 'testcontainers', 'embedded'];

/**
 * Finds a PostgreSQL server: `DATABASE_URL` if set, else a testcontainers PostgreSQL 15 if a
 * container runtime answers, else an embedded PostgreSQL 15; throws {@link PostgresUnavailableError}
 * naming what to install when none works.
 */
export async function resolvePostgres(
  options: ResolvePostgresOptions = {},
): Promise<PostgresServer> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.info(line));
  const reasons: string[] = [];
  for (const source of options.sources ?? ALL_SOURCES) {
    const began = performance.now();
    const server = await trySource(source, env, options, reasons);
    if (server !== undefined) {
      const ms = Math.round(performance.now() - began);
      log(`[postgres] using ${source} (${describeUrl(server.url)}), ready in ${ms} ms`);
      return server;
    }
  }
  throw new PostgresUnavailableError(reasons);
}

async function trySource(
  source: PostgresSource,
  env: NodeJS.ProcessEnv,
  options: ResolvePostgresOptions,
  reasons: string[],
): Promise<PostgresServer | undefined> {
  switch (source) {
    case 'DATABASE_URL': {
      const url = env.DATABASE_URL;
      if (url === undefined || url === '') {
        reasons.push('DATABASE_URL: not set');
        return undefined;
      }
      return { url: checkedDatabaseUrl(url), source, stop: async () => {} };
    }
    case 'testcontainers': {
      const probe = await containerRuntimeAvailable(env, options.containerProbeTimeoutMs ?? 3_000);
      if (!probe.available) {
        reasons.push(probe.reason);
        return undefined;
      }
      try {
        return await startPostgresContainer();
      } catch (error) {
        reasons.push(`testcontainers: ${messageOf(error)}`);
        return undefined;
      }
    }
    case 'embedded': {
      try {
        return await startEmbeddedPostgres();
      } catch (error) {
        reasons.push(`embedded-postgres: ${messageOf(error)}`);
        return undefined;
      }
    }
  }
}

/** A set DATABASE_URL is taken as a decision: a malformed one fails instead of falling through. */
function checkedDatabaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('DATABASE_URL is set but is not a URL (expected postgres://user@host:5432/db)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must use postgres:// or postgresql://, not ${parsed.protocol}//`);
  }
  return url;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
