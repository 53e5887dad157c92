import { Column, is, type SQL, type SQLWrapper } from 'drizzle-orm';

/** How a scalar column compares: `uuid` columns only ever equal canonical lowercase uuids. */
export type ColumnKind = 'uuid' | 'text';

/** A SQL expression standing in for a column, with the facts the compiler cannot read from it. */
export interface ColumnExpression {
  readonly sql: SQL;
  readonly kind: ColumnKind;
  /** Defaults to true: the compiler guards the expression against NULL. */
  readonly nullable?: boolean;
}

/** A scalar column of a column map: a drizzle column, or an expression that says its kind. */
export type ColumnRef = Column | ColumnExpression;

/**
 * Where a table keeps the fields a prepared predicate reads. A field the map lacks is a field the
 * table does not have: `eq`, `in` and `acl` on it compile to false, `missing` to true.
 */
export interface ColumnMap {
  readonly id?: ColumnRef;
  readonly owner?: ColumnRef;
  readonly org?: ColumnRef;
  /** jsonb `{ "<user id>": ["read", ...] }` */
  readonly aclUsers?: SQLWrapper;
  /** jsonb `{ "<group id>": ["read", ...] }`; the Everyone group is keyed by the org id. */
  readonly aclGroups?: SQLWrapper;
}

/** A column reference resolved to what the compiler needs. */
export interface ResolvedColumn {
  readonly expr: SQLWrapper;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

/** Reads the kind and nullability of a column reference (drizzle columns describe themselves). */
export function resolveColumn(ref: ColumnRef): ResolvedColumn {
  if (is(ref, Column)) {
    const kind: ColumnKind = ref.getSQLType() === 'uuid' ? 'uuid' : 'text';
    return { expr: ref, kind, nullable: !ref.notNull };
  }
  return { expr: ref.sql, kind: ref.kind, nullable: ref.nullable ?? true };
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * True when `value` is a uuid as PostgreSQL prints it. Any other string can never equal a uuid
 * column's text, so comparing with it folds to false (and never reaches a `::uuid` cast that throws).
 */
export function isCanonicalUuid(value: string): boolean {
  return CANONICAL_UUID.test(value);
}
