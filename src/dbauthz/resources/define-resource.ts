import { type Column, getTableColumns, type Table } from 'drizzle-orm';
import type { ResourceType } from '../../rbac/catalogue.ts';
import type { RbacObject } from '../../rbac/types.ts';
import type { ColumnMap } from '../../sql/column-map.ts';

/** One RBAC type bound to the table its rows live in: the SQL face and the row face of one fact. */
export interface ResourceBinding<Row, T extends Table = Table> {
  /** The RBAC type a row is checked as. */
  readonly type: ResourceType;
  /** The drizzle table the rows live in (the filter table of the lists over them). */
  readonly table: T;
  /** Where the table keeps the object's fields, for filters compiled to SQL. */
  readonly columns: ColumnMap;
  /** The row as the RBAC object the store checks (what `columns` says, read from a row). */
  object(row: Row): RbacObject;
}

/** The fields of a column map a resource can bind to a column. */
export type BoundField = keyof Required<ColumnMap>;

/** For each bound field, the property name of the table column that holds it. */
export type ResourceColumns<T extends Table> = {
  readonly [F in BoundField]?: keyof T['_']['columns'] & string;
};

/** The row fields a binding with these columns reads, as `Pick` of the table's row type would. */
export type ResourceRow<T extends Table, C extends ResourceColumns<T>> = {
  [K in Extract<C[keyof C], keyof T['$inferSelect']>]: T['$inferSelect'][K];
};

// The order an object's fields are written in (as the hand-written mappers always did).
const FIELDS: readonly BoundField[] = ['id', 'owner', 'org', 'aclUsers', 'aclGroups'];

/**
 * Binds `type` to `table`: `columns` names, for each object field, the table column holding it
 * (a property name of the table, so a typo is a compile error). The column map and the row mapper
 * are both derived from that one statement, so they cannot drift apart. A NULL value leaves the
 * field out of the object (a missing field, as the compiled filter treats a NULL column). The row
 * type is spelled out field by field, so emitted declarations do not inline the whole table type.
 */
export function defineResource<T extends Table, const C extends ResourceColumns<T>>(spec: {
  readonly type: ResourceType;
  readonly table: T;
  readonly columns: C;
}): ResourceBinding<{ [K in keyof ResourceRow<T, C>]: ResourceRow<T, C>[K] }> {
  const { type, table } = spec;
  const tableColumns = getTableColumns(table) as Record<string, Column>;
  const bound: (readonly [BoundField, string])[] = [];
  const columns: Partial<Record<BoundField, Column>> = {};
  for (const field of FIELDS) {
    const name = spec.columns[field];
    if (name === undefined) continue;
    const column = tableColumns[name];
    if (column === undefined) throw new TypeError(`${type}: the table has no column ${name}`);
    bound.push([field, name]);
    columns[field] = column;
  }
  const object = (row: ResourceRow<T, C>): RbacObject => {
    const result: Record<string, unknown> = { type };
    for (const [field, name] of bound) {
      const value = (row as Record<string, unknown>)[name];
      if (value !== null && value !== undefined) result[field] = value;
    }
    // Ids are the columns' strings; ACL columns hold `{ "<id>": [actions] }` (AclMap) as today.
    return result as unknown as RbacObject;
  };
  return Object.freeze({ type, table, columns: Object.freeze(columns), object });
}
