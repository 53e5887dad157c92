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
  /** The plan's shape under `plan_cache_mode = force_generic_plan` (parameters unknown to the planner). */
  readonly genericShape: string;
  readonly genericUsesIndex: boolean;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Filter?: string;
  Plans?: PlanNode[];
}

/** A parameter as an untyped SQL literal (arrays in PostgreSQL's `{...}` text form). */
function literal(value: unknown): string {
  const text = Array.isArray(value)
    ? `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
    : String(value);
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * EXPLAIN (FORMAT JSON) of `captured` as the steady state runs it: PREPAREd and EXECUTEd six
 * times first (the driver reuses one prepared statement per query text, so after five runs
 * PostgreSQL may switch to a generic plan), then summarized.
 */
export async function explain(client: Sql, captured: Captured): Promise<PlanSummary> {
  const name = 'bench_explain';
  const args = `(${captured.parameters.map(literal).join(', ')})`;
  await client.unsafe(`PREPARE ${name} AS ${captured.query}`);
  try {
    for (let i = 0; i < 6; i++) await client.unsafe(`EXECUTE ${name}${args}`);
    const plan = async () =>
      summarize(
        (
          (await client.unsafe(`EXPLAIN (FORMAT JSON) EXECUTE ${name}${args}`))[0]![
            'QUERY PLAN'
          ] as { Plan: PlanNode }[]
        )[0]!.Plan,
      );
    const steady = await plan();
    await client.unsafe('SET plan_cache_mode = force_generic_plan');
    const generic = await plan();
    return { ...steady, genericShape: generic.shape, genericUsesIndex: generic.usesIndex };
  } finally {
    await client.unsafe('RESET plan_cache_mode');
    await client.unsafe(`DEALLOCATE ${name}`);
  }
}

function summarize(plan: PlanNode): Omit<PlanSummary, 'genericShape' | 'genericUsesIndex'> {
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
