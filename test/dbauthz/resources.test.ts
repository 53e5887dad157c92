// Each resource binding ties one RBAC type to one table: its column map may name only that table's
// columns, its row mapper must read the fields its column map names, and every list that compiles
// a filter with a binding's columns must list the binding's table. No database: the list
// declarations run against a recording call context.
import { Column, getTableColumns, getTableName, is, SQL, type Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { LIST_FILTER_TABLES, type ListMethod } from '../../db/queries/list-filter-tables.ts';
import * as schema from '../../db/schema/index.ts';
import type { CallContext } from '../../src/dbauthz/call-context.ts';
import { declarations } from '../../src/dbauthz/methods/index.ts';
import { groupMemberColumns } from '../../src/dbauthz/resources/group-members.ts';
import { type RegisteredResource, resources } from '../../src/dbauthz/resources/index.ts';
import { dormantWorkspaceColumns } from '../../src/dbauthz/resources/workspaces.ts';
import type { Subject } from '../../src/rbac/index.ts';
import type { ColumnMap } from '../../src/sql/column-map.ts';
import { ALL } from '../../src/sql/filter-result.ts';

const registered = Object.entries(resources) as [string, RegisteredResource][];
const UUID = '00000000-0000-4000-8000-000000000001';

/** Every drizzle column a column map refers to, directly or inside a SQL expression. */
function columnsIn(ref: unknown): Column[] {
  if (is(ref, Column)) return [ref];
  if (is(ref, SQL)) return ref.queryChunks.flatMap(columnsIn);
  if (Array.isArray(ref)) return ref.flatMap(columnsIn);
  if (typeof ref === 'object' && ref !== null && 'sql' in ref) return columnsIn(ref.sql);
  return [];
}

/** The fields of `map` that refer to a column of a table other than `table`. */
function foreignColumns(map: ColumnMap, table: Table): string[] {
  return Object.entries(map).flatMap(([field, ref]) =>
    columnsIn(ref)
      .filter((column) => column.table !== table)
      .map((column) => `${field}: ${getTableName(column.table)}.${column.name}`),
  );
}

describe('resource bindings', () => {
  it.each(registered)('%s: the column map names only columns of its own table', (name, r) => {
    expect(getTableName(r.binding.table)).toBe(name);
    expect(foreignColumns(r.binding.columns, r.binding.table)).toEqual([]);
  });

  it('the hand-written maps beside the bindings name only their own table too', () => {
    expect(foreignColumns(dormantWorkspaceColumns, schema.workspaces)).toEqual([]);
    expect(foreignColumns(groupMemberColumns({ organizationId: UUID }), schema.users)).toEqual([]);
  });

  it('sees a column of another table, also inside an expression (the checker can fail)', () => {
    const wrong = { id: schema.apiKeys.id, owner: schema.users.id };
    expect(foreignColumns(wrong, schema.apiKeys)).toEqual(['owner: users.id']);
    const inside = { owner: { sql: new SQL([schema.users.id]), kind: 'uuid' as const } };
    expect(foreignColumns(inside, schema.apiKeys)).toEqual(['owner: users.id']);
  });

  it.each(registered)('%s: the row mapper reads the columns its map names', (_, r) => {
    const table = r.binding.table;
    const row: Record<string, unknown> = { dormantAt: null, tags: {} };
    for (const key of Object.keys(getTableColumns(table))) if (!(key in row)) row[key] = `${key}:v`;
    const object = r.binding.object(row) as unknown as Record<string, unknown>;
    expect(object.type).toBe(r.binding.type);
    const columns = getTableColumns(table) as Record<string, Column>;
    for (const [field, ref] of Object.entries(r.binding.columns)) {
      if (!is(ref, Column)) continue; // an expression: computed from the row, not read
      const key = Object.keys(columns).find((k) => columns[k] === ref);
      expect(object[field], field).toEqual(row[key!]);
    }
    const mapped = Object.keys(object).filter((k) => k !== 'type');
    expect(mapped.filter((k) => !(k in r.binding.columns))).toEqual([]);
  });
});

/** Runs a list declaration against a recording context; returns the column maps it filtered with. */
async function mapsFiltered(method: ListMethod): Promise<ColumnMap[]> {
  const recorded: ColumnMap[] = [];
  const raw = new Proxy({}, { get: () => async () => ({ id: UUID, organizationId: UUID }) });
  const ctx: CallContext<unknown> = {
    actor: { id: UUID, roles: [] } as unknown as Subject,
    raw,
    method,
    authorize: () => undefined,
    can: () => true,
    filter: (_action, _type, columns) => {
      recorded.push(columns);
      return ALL;
    },
    fetch: (lookup) => lookup,
  };
  const declaration = declarations[method] as unknown as {
    run(ctx: CallContext<unknown>, call: () => Promise<unknown>, input: unknown): Promise<unknown>;
  };
  const input = { userId: UUID, groupId: UUID, organizationId: UUID, templateId: UUID };
  await declaration.run(ctx, async () => [], { ...input, workspaceId: UUID, fileId: UUID });
  return recorded;
}

describe('list filter tables', () => {
  const methods = Object.keys(LIST_FILTER_TABLES) as ListMethod[];

  it.each(methods)('%s filters with columns of its filter table only', async (method) => {
    const table = LIST_FILTER_TABLES[method] as Table;
    const maps = await mapsFiltered(method);
    for (const map of maps) {
      const owner = registered.find(([, r]) => r.binding.columns === map)?.[1];
      if (owner !== undefined) expect(getTableName(owner.binding.table)).toBe(getTableName(table));
      expect(foreignColumns(map, table)).toEqual([]);
    }
  });

  it('every other list compiles a filter with a column map', async () => {
    const unfiltered: string[] = [];
    for (const method of methods) {
      if ((await mapsFiltered(method)).length === 0) unfiltered.push(method);
    }
    // These authorize the parent row instead (its template or workspace), or, for secrets with
    // their values, a site-wide read.
    expect(unfiltered.sort()).toEqual([
      'countTemplateVersionsByTemplate',
      'countWorkspaceBuildsByWorkspace',
      'listTemplateVersionsByTemplate',
      'listUserSecretsWithValues',
      'listWorkspaceBuildsByWorkspace',
    ]);
  });
});
