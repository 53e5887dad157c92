import type { RbacAuthorizer } from '../rbac/authorizer.ts';
import type { Action, ResourceType } from '../rbac/catalogue.ts';
import type { CompiledSubject } from '../rbac/compile.ts';
import type { Authorizer, Subject } from '../rbac/types.ts';
import type { ColumnMap } from './column-map.ts';
import { compileFactoredFilter, compileFilter } from './compile-filter.ts';
import { factorPredicate } from './factor-predicate.ts';
import type { FilterResult } from './filter-result.ts';
import { flattenFilter } from './flatten-filter.ts';
import { predicateKey } from './predicate-key.ts';

/** A compiled filter; flattened on its second use, so one-off column maps never pay for that. */
interface Entry {
  result: FilterResult;
  flat: boolean;
}

/** The filters of one compiled subject over one column map: by (action, type), and by predicate. */
interface Filters {
  readonly byCall: Map<string, Entry>;
  readonly byPredicate: Map<string, Entry>;
}

/** At most this many (action, type) pairs per subject and column map (the catalogue has fewer). */
const MAX_ENTRIES = 256;

const caches = new WeakMap<Authorizer, WeakMap<CompiledSubject, WeakMap<ColumnMap, Filters>>>();

function compiles(
  authorizer: Authorizer,
): authorizer is Authorizer & Pick<RbacAuthorizer, 'compile'> {
  return typeof (authorizer as Partial<RbacAuthorizer>).compile === 'function';
}

function filtersOf(authorizer: Authorizer, subject: CompiledSubject, columns: ColumnMap): Filters {
  let bySubject = caches.get(authorizer);
  if (bySubject === undefined) {
    bySubject = new WeakMap();
    caches.set(authorizer, bySubject);
  }
  let byColumns = bySubject.get(subject);
  if (byColumns === undefined) {
    byColumns = new WeakMap();
    bySubject.set(subject, byColumns);
  }
  let filters = byColumns.get(columns);
  if (filters === undefined) {
    filters = { byCall: new Map(), byPredicate: new Map() };
    byColumns.set(columns, filters);
  }
  return filters;
}

/**
 * `compileFilter(authorizer.prepare(subject, action, type), columns)`, memoized per authorizer,
 * compiled subject (so per subject object, like the engine's own cache), column map, action and
 * type. Two types whose predicates are the same tree get the very same result object, so a caller
 * can fold `P or P` by identity. Only authorizers with `compile` (those of `createAuthorizer`,
 * whose `prepare` depends on nothing but the compiled subject) are cached; any other authorizer is
 * asked every time. Entries live as long as the subject and the column map (WeakMaps) and are
 * capped per pair of them. Treat the returned SQL as read-only: it is shared.
 * @example const filter = cachedFilter(authorizer, actor, 'read', 'workspace', workspaceColumns);
 */
export function cachedFilter(
  authorizer: Authorizer,
  subject: Subject,
  action: Action,
  type: ResourceType,
  columns: ColumnMap,
): FilterResult {
  if (!compiles(authorizer))
    return compileFilter(authorizer.prepare(subject, action, type), columns);
  const filters = filtersOf(authorizer, authorizer.compile(subject), columns);
  const callKey = `${action}\u0000${type}`;
  let entry = filters.byCall.get(callKey);
  if (entry !== undefined) {
    if (!entry.flat) {
      entry.result = Object.freeze(flattenFilter(entry.result));
      entry.flat = true;
    }
    return entry.result;
  }
  const predicate = factorPredicate(authorizer.prepare(subject, action, type));
  const key = predicateKey(predicate);
  entry = filters.byPredicate.get(key);
  if (entry === undefined) {
    const result = Object.freeze(compileFactoredFilter(predicate, columns));
    entry = { result, flat: result.kind !== 'where' };
    if (filters.byPredicate.size < MAX_ENTRIES) filters.byPredicate.set(key, entry);
  }
  if (filters.byCall.size < MAX_ENTRIES) filters.byCall.set(callKey, entry);
  return entry.result;
}
