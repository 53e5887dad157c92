import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';

/**
 * Polls `url` until PostgreSQL accepts a query; rejects with the last connection error after
 * `timeoutMs`, or at once when `gaveUp()` says the server process is gone.
 */
export async function waitForPostgres(
  url: string,
  timeoutMs: number,
  gaveUp: () => string | undefined,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  while (performance.now() < deadline) {
    const reason = gaveUp();
    if (reason !== undefined) throw new Error(reason);
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`SELECT 1`;
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await sql.end({ timeout: 1 });
    }
    await sleep(50);
  }
  throw new Error(`not accepting connections after ${timeoutMs} ms: ${String(lastError)}`);
}
