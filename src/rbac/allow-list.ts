import { isResourceType, type ResourceType, WILDCARD } from './catalogue.ts';
import { InvalidPolicyError } from './errors.ts';
import type { AllowListEntry } from './types.ts';

/** The allow list that lets a scope touch every object: `[{ type: '*', id: '*' }]`. */
export const ALLOW_ALL: readonly AllowListEntry[] = Object.freeze([
  Object.freeze({ type: WILDCARD, id: WILDCARD }),
]);

const isAll = (e: AllowListEntry) => e.type === WILDCARD && e.id === WILDCARD;

/**
 * Validates one entry: a catalogue type or `*`, and an id, `*` (any id), or `''` (no id yet: the
 * entry admits creating objects of that type and reaches no existing row, as in Coder).
 */
export function allowListEntry(type: ResourceType | '*', id: string): AllowListEntry {
  if (type !== WILDCARD && !isResourceType(type)) {
    throw new InvalidPolicyError(`allow list: unknown resource type "${type}"`);
  }
  if (typeof id !== 'string') throw new InvalidPolicyError('allow list: id must be a string');
  return Object.freeze({ type, id });
}

/**
 * Deduplicates an allow list: `*:*` swallows everything, `type:*` swallows that type's ids (and its
 * creates), `*:''` swallows every `type:''`; the result is sorted and frozen.
 */
export function normalizeAllowList(entries: readonly AllowListEntry[]): readonly AllowListEntry[] {
  const checked = entries.map((e) => allowListEntry(e.type, e.id));
  if (checked.some(isAll)) return ALLOW_ALL;
  const typed = new Set(checked.filter((e) => e.id === WILDCARD).map((e) => e.type));
  const anyCreate = checked.some((e) => e.type === WILDCARD && e.id === '');
  const seen = new Map<string, AllowListEntry>();
  for (const e of checked) {
    if (e.id !== WILDCARD && typed.has(e.type)) continue;
    if (e.id === '' && e.type !== WILDCARD && anyCreate) continue;
    seen.set(`${e.type}:${e.id}`, e);
  }
  return Object.freeze(
    [...seen.values()].sort((a, b) => a.type.localeCompare(b.type) || a.id.localeCompare(b.id)),
  );
}

/** Everything any of the lists allows. */
export function unionAllowLists(...lists: readonly (readonly AllowListEntry[])[]) {
  return normalizeAllowList(lists.flat());
}

const meet = (a: string, b: string) =>
  a === WILDCARD ? b : b === WILDCARD ? a : a === b ? a : null;

/**
 * What both lists allow (Coder's `IntersectAllowLists`): entry by entry, `*` meeting anything. An
 * empty stored list allows nothing (fail closed), like an empty result.
 */
export function intersectAllowLists(
  scopeList: readonly AllowListEntry[],
  stored: readonly AllowListEntry[],
): readonly AllowListEntry[] {
  if (stored.length === 0) return Object.freeze([]);
  const out: AllowListEntry[] = [];
  for (const a of scopeList) {
    for (const b of stored) {
      const type = meet(a.type, b.type);
      const id = meet(a.id, b.id);
      if (type !== null && id !== null) out.push({ type: type as AllowListEntry['type'], id });
    }
  }
  return normalizeAllowList(out);
}

/** An allow list indexed for lookups. */
export interface AllowListIndex {
  readonly all: boolean;
  /** Types allowed whatever the id (`type:*`). */
  readonly types: ReadonlySet<string>;
  /** Ids allowed whatever the type (`*:id`). */
  readonly ids: ReadonlySet<string>;
  /** Ids allowed per type (`type:id`). */
  readonly byType: ReadonlyMap<string, ReadonlySet<string>>;
  /** Types whose objects without an id (creates) are allowed (`type:''`; `*` for `*:''`). */
  readonly creates: ReadonlySet<string>;
}

/** Indexes an allow list for `allowListAllows`. */
export function indexAllowList(entries: readonly AllowListEntry[]): AllowListIndex {
  const types = new Set<string>();
  const ids = new Set<string>();
  const byType = new Map<string, Set<string>>();
  const creates = new Set<string>();
  let all = false;
  for (const e of entries) {
    if (isAll(e)) all = true;
    else if (e.id === WILDCARD) types.add(e.type);
    else if (e.id === '') creates.add(e.type);
    else if (e.type === WILDCARD) ids.add(e.id);
    else {
      const set = byType.get(e.type) ?? new Set<string>();
      byType.set(e.type, set);
      set.add(e.id);
    }
  }
  return { all, types, ids, byType, creates };
}

/**
 * True when an object of `type` with `id` is on the list. An object without an id (one being
 * created) is on it through `*:*`, `type:*`, `type:''` or `*:''`; an entry with an id never
 * admits it, and an entry without one (`''`) admits no existing row.
 */
export function allowListAllows(index: AllowListIndex, type: string, id: unknown): boolean {
  if (index.all || index.types.has(type)) return true;
  if (typeof id !== 'string' || id === '') return admitsCreates(index, type);
  return index.ids.has(id) || index.byType.get(type)?.has(id) === true;
}

/** True when the list admits objects of `type` without an id (creates): `type:''` or `*:''`. */
export function admitsCreates(index: AllowListIndex, type: string): boolean {
  return index.creates.has(type) || index.creates.has(WILDCARD);
}

/**
 * The ids a row of `type` may have to be on the list, or `true` when any id is. Rows always have
 * an id, so `type:''` entries (creates only) add none.
 */
export function allowedIds(index: AllowListIndex, type: string): true | string[] {
  if (index.all || index.types.has(type)) return true;
  return [...new Set([...index.ids, ...(index.byType.get(type) ?? [])])];
}
