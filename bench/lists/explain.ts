// Query capture (postgres.js `debug`) and EXPLAIN (FORMAT JSON) summaries: which scan nodes the
// plan uses on which relation or index, and the filter a sequential scan evaluates per row.
import type { Sql } from 'postgres';

/** The last statement a client sent, with its parameters. */
export interface Captured {
  query: string;
  parameters: readonly unknown[];
}

/** A `debug` hook for postgres() that records the last statement into `into`. */
export function capture(into: Captured) {
  return (_connection: number, query: string, parameters: unknown[]) => {
    into.query = query;
    into.parameters = parameters;
  };
}

/** The plan's scan nodes and the casts on columns inside their filters. */
export interface PlanSummary {
  /** e.g. `Limit > Sort > Seq Scan on workspaces`. */
  readonly shape: string;
  readonly scans: readonly string[];
  readonly usesIndex: boolean;
  /** Filters of sequential scans, verbatim. */
  readonly seqScanFilters: readonly string[];
  /** Column casts (`(organization_id)::text`) found in any filter. */
  readonly columnCasts: readonly string[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

/** Runs EXPLAIN (FORMAT JSON) of `captured` on `client` and summarizes the plan. */
export async function explain(client: Sql, captured: Captured): Promise<PlanSummary> {
  const rows = await client.unsafe(
    `EXPLAIN (FORMAT JSON) ${captured.query}`,
    captured.parameters as never[],
  );
  const plan = (rows[0]!['QUERY PLAN'] as { Plan: PlanNode }[])[0]!.Plan;
  const scans: string[] = [];
  const filters: string[] = [];
  const shape: string[] = [];
  const walk = (node: PlanNode, depth: number) => {
    const type = node['Node Type'];
    const on = node['Index Name'] ?? node['Relation Name'];
    if (depth < 6) shape.push(on ? `${type} (${on})` : type);
    if (type.includes('Scan')) scans.push(on ? `${type} on ${on}` : type);
    if (type.includes('Seq Scan') && node.Filter) filters.push(node.Filter);
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(plan, 0);
  const casts = new Set<string>();
  for (const f of filters) for (const m of f.matchAll(/\((\w+)\)::(\w+)/g)) casts.add(m[0]);
  return {
    shape: shape.join(' > '),
    scans,
    usesIndex: scans.some((s) => s.includes('Index')),
    seqScanFilters: filters,
    columnCasts: [...casts],
  };
}
