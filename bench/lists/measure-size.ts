// One table size: fill, verify that every variant returns the same page and total, capture each
// variant's plan, then time the lists (and counts) interleaved.
import type { Sql } from 'postgres';
import { interleaveAsync } from '../lib/interleave.ts';
import type { Measurement } from '../measure.ts';
import { type Captured, explain, type PlanSummary } from './explain.ts';
import { fillWorkspaces } from './seed.ts';
import type { ListVariant } from './variants.ts';

/** What one variant measured at one size. */
export interface VariantResult {
  readonly key: ListVariant['key'];
  readonly label: string;
  readonly list: Measurement;
  readonly count: Measurement | null;
  readonly rowsTransferred: number;
  readonly plan: PlanSummary | null;
}

/** Everything measured at one size. */
export interface SizeResult {
  readonly rows: number;
  readonly visible: number;
  readonly fillMs: number;
  readonly variants: readonly VariantResult[];
}

/** Where each variant's statements go, to EXPLAIN the one it just sent. */
export interface Clients {
  readonly main: { sql: Sql; captured: Captured };
  readonly rls: { sql: Sql; captured: Captured };
}

/** Measures `variants` at `rows` workspaces (post-filter left out by the caller when too big). */
export async function measureSize(
  clients: Clients,
  rows: number,
  variants: readonly ListVariant[],
  rounds: { rounds: number; warmup: number },
): Promise<SizeResult> {
  const began = performance.now();
  await fillWorkspaces(clients.main.sql, rows);
  const fillMs = performance.now() - began;
  const reference = variants[0]!;
  const expectedIds = (await reference.list()).map((w) => w.id).join();
  const visible = await reference.count();
  const plans = new Map<string, PlanSummary | null>();
  const transferred = new Map<string, number>();
  for (const v of variants) {
    const page = await v.list();
    if (page.map((w) => w.id).join() !== expectedIds || (await v.count()) !== visible) {
      throw new Error(`lists bench: ${v.label} disagrees with ${reference.label} at ${rows} rows`);
    }
    transferred.set(v.key, v.rowsTransferred ?? page.length);
    const client = v.key === 'rls' ? clients.rls : clients.main;
    await v.list();
    plans.set(v.key, v.key === 'postFilter' ? null : await explain(client.sql, client.captured));
  }
  const lists = await interleaveAsync(
    variants.map((v) => ({ name: v.key, fn: () => v.list() })),
    rounds,
  );
  const counted = variants.filter((v) => v.key !== 'postFilter');
  const counts = await interleaveAsync(
    counted.map((v) => ({ name: v.key, fn: () => v.count() })),
    rounds,
  );
  return {
    rows,
    visible,
    fillMs,
    variants: variants.map((v, i) => ({
      key: v.key,
      label: v.label,
      list: lists[i]!,
      count: counts.find((c) => c.name === v.key) ?? null,
      rowsTransferred: transferred.get(v.key)!,
      plan: plans.get(v.key) ?? null,
    })),
  };
}
