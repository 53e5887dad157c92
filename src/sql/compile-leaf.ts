import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Predicate } from '../rbac/types.ts';
import {
  type ColumnMap,
  isCanonicalUuid,
  type ResolvedColumn,
  resolveColumn,
} from './column-map.ts';
import { ALL, type FilterResult, filterWhere, NONE } from './filter-result.ts';

type Leaf<K extends Predicate['op']> = Extract<Predicate, { op: K }>;

/** Values a column could ever equal (as text): never '', and only canonical uuids for uuid columns. */
function comparable(column: ResolvedColumn, values: readonly string[]): string[] {
  const kept = values.filter((v) => v !== '' && (column.kind !== 'uuid' || isCanonicalUuid(v)));
  return [...new Set(kept)];
}

/** Makes a comparison two-valued: a NULL column gives false, not NULL (and stays index-friendly). */
function guardNull(column: ResolvedColumn, comparison: SQL): SQL {
  return column.nullable ? sql`(${column.expr} is not null and ${comparison})` : comparison;
}

/** `field = value` or `field IN values`, folded to false when no value can match. */
export function compileMembership(map: ColumnMap, leaf: Leaf<'eq'> | Leaf<'in'>): FilterResult {
  const ref = map[leaf.field];
  if (ref === undefined) return NONE;
  const column = resolveColumn(ref);
  const values = comparable(column, leaf.op === 'eq' ? [leaf.value] : leaf.values);
  const [first] = values;
  if (first === undefined) return NONE;
  if (values.length === 1) return filterWhere(guardNull(column, sql`${column.expr} = ${first}`));
  const array = sql`${sql.param(values)}::${sql.raw(column.kind)}[]`;
  return filterWhere(guardNull(column, sql`${column.expr} = any(${array})`));
}

/** `field` is absent: NULL (or '' for text). A table without the column has it absent everywhere. */
export function compileMissing(map: ColumnMap, leaf: Leaf<'missing'>): FilterResult {
  const ref = map[leaf.field];
  if (ref === undefined) return ALL;
  const column = resolveColumn(ref);
  if (column.kind === 'uuid')
    return column.nullable ? filterWhere(sql`${column.expr} is null`) : NONE;
  if (!column.nullable) return filterWhere(sql`${column.expr} = ''`);
  return filterWhere(sql`(${column.expr} is null or ${column.expr} = '')`);
}

/**
 * `entry` is a JSON array listing one of `actions` (a jsonb[] of one-element arrays). Containment,
 * not `?|`: `?|` on an object tests its keys and on a string its value, so `{"read": true}` or
 * `"read"` would grant in SQL what the in-memory evaluator (which reads arrays only) denies; an
 * object or a string contains no array.
 */
function listsAction(entry: SQL, actions: SQL): SQL {
  return sql`${entry} @> any(${actions})`;
}

/** The ACL entry under `key` lists one of `actions`. */
function entryGrants(acl: SQLWrapper, key: SQL, actions: SQL): SQL {
  return listsAction(sql`(${acl} -> ${key})`, actions);
}

/** Catalogue action names, safe to write into SQL text as they are. */
const PLAIN_ACTION = /^[a-z][a-z_]*$/;

/**
 * The jsonb[] `{["action"], ["*"]}`: written into the statement for a catalogue action (the same
 * text for every subject), a parameter otherwise.
 */
function actionsArray(action: string): SQL {
  if (PLAIN_ACTION.test(action)) return sql.raw(`array['["${action}"]','["*"]']::jsonb[]`);
  return sql`${sql.param([JSON.stringify([action]), '["*"]'])}::jsonb[]`;
}

/**
 * Some key of the text[] `keys` maps to an entry listing one of `actions`: `?|` cheaply skips rows
 * with none of the keys, then the entries of the rest are checked (an ACL that is not an object
 * has no entries, never an error). One array, bound twice, so the text is the same for 1 key or
 * 1,000. A NULL ACL gives NULL and false, so false.
 */
function someEntryGrants(acl: SQLWrapper, keys: readonly string[], actions: SQL): SQL {
  const list = () => sql`${sql.param(keys)}::text[]`;
  const entries = sql`jsonb_each(case jsonb_typeof(${acl}) when 'object' then ${acl} end)`;
  return sql`(${acl} ?| ${list()} and exists (select 1 from ${entries} as acl_entry where acl_entry.key = any(${list()}) and ${listsAction(sql.raw('acl_entry.value'), actions)}))`;
}

/**
 * The ACL map grants `action` (or `*`) under one of the keys, or the object's org (Everyone). Group
 * keys (one per group of the subject) are one array parameter; user keys (one: the subject's id)
 * one term each. No key and no org key is `none`.
 */
export function compileAcl(map: ColumnMap, leaf: Leaf<'acl'>): FilterResult {
  const acl = leaf.acl === 'user' ? map.aclUsers : map.aclGroups;
  if (acl === undefined) return NONE;
  const actions = actionsArray(leaf.action);
  const keys = [...new Set(leaf.keys)].filter((key) => key !== '');
  const grants: SQL[] = [];
  if (leaf.acl === 'user')
    for (const key of keys) grants.push(entryGrants(acl, sql`${key}::text`, actions));
  else if (keys.length > 0) grants.push(someEntryGrants(acl, keys, actions));
  if (leaf.orgKey && map.org !== undefined) {
    const org = resolveColumn(map.org);
    const everyone = entryGrants(acl, sql`${org.expr}::text`, actions);
    grants.push(org.kind === 'text' ? sql`(${org.expr} <> '' and ${everyone})` : everyone);
  }
  if (grants.length === 0) return NONE;
  return filterWhere(sql`coalesce(${sql.join(grants, sql.raw(' or '))}, false)`);
}
