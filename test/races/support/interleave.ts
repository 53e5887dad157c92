import { setTimeout as sleep } from 'node:timers/promises';
import type postgres from 'postgres';

/** A promise with its resolver, to hold a transaction open until the test lets it go. */
export function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/**
 * Waits until `count` backends of this database are blocked waiting for a lock (the interleaving
 * a test forces has reached its write), polling `pg_stat_activity`; fails after `timeoutMs`.
 */
export async function waitForLockWaits(
  client: postgres.Sql,
  count = 1,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await client<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock'`;
    if ((row?.n ?? 0) >= count) return;
    if (Date.now() > deadline)
      throw new Error(`no backend waited for a lock within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** The outcome of a call: its value, or the error code it failed with. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    return String((error as { code?: unknown }).code ?? error);
  }
}
