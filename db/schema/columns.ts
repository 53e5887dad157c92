import { customType, jsonb, timestamp } from 'drizzle-orm/pg-core';

/** An ACL map stored as jsonb: user or group id -> the actions it grants (e.g. `["read", "use"]`). */
export type Acl = Record<string, string[]>;

/** A PostgreSQL `bytea` column read and written as a Node `Buffer`. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** A `timestamptz` column mapped to `Date`. */
export function timestamptz(name: string) {
  return timestamp(name, { withTimezone: true, mode: 'date' });
}

/** The `created_at` / `updated_at` pair every mutable table carries, both defaulting to now(). */
export function timestamps() {
  return {
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  };
}

/** A jsonb ACL column, NOT NULL and defaulting to the empty map. */
export function aclColumn(name: string) {
  return jsonb(name).$type<Acl>().notNull().default({});
}
