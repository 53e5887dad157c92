import { catalogue, type ResourceType, resourceTypes, WILDCARD } from './catalogue.ts';
import type { Permission } from './types.ts';

// Every catalogue (type, action) pair gets a dense number, so a level's votes fit one Int8Array
// and a decision reads them with two Map lookups and an array index.
const index = new Map<string, Map<string, number>>();
const pairs: { type: ResourceType; action: string }[] = [];
for (const type of resourceTypes) {
  const actions = new Map<string, number>();
  for (const action of catalogue[type]) {
    actions.set(action, pairs.length);
    pairs.push({ type, action });
  }
  index.set(type, actions);
}

/** Number of catalogue (type, action) pairs (188). */
export const PAIR_COUNT = pairs.length;

/** The dense number of a catalogue pair, or `undefined` for an unknown type or action. */
export function pairOf(type: string, action: string): number | undefined {
  return index.get(type)?.get(action);
}

/** The pair numbers a permission covers: wildcards expand over the catalogue. */
export function pairsOf(p: Permission): number[] {
  const types = p.type === WILDCARD ? resourceTypes : [p.type];
  const out: number[] = [];
  for (const type of types) {
    const actions = index.get(type);
    if (!actions) continue;
    if (p.action === WILDCARD) out.push(...actions.values());
    else {
      const n = actions.get(p.action);
      if (n !== undefined) out.push(n);
    }
  }
  return out;
}

/** A level's votes per pair: 1 allow, -1 deny (a negative anywhere wins), 0 abstain. */
export type Votes = Int8Array;

// The votes of one permission list, computed once per (frozen) list: built-in org roles share their
// lists across orgs, so a subject with roles in 100 orgs folds each list once.
const listVotes = new WeakMap<readonly Permission[], Votes>();

/**
 * The votes of one permission list (a negative sticks). Shared, read-only: cached per frozen list,
 * so callers combine it with `combineVotes` and never write to it.
 */
export function votesOf(perms: readonly Permission[]): Votes {
  let votes = listVotes.get(perms);
  if (votes === undefined) {
    if (perms.length === 0) return NO_VOTES;
    votes = emptyVotes();
    for (const p of perms) {
      for (const n of pairsOf(p)) {
        if (p.negate) votes[n] = -1;
        else if (votes[n] === 0) votes[n] = 1;
      }
    }
    if (Object.isFrozen(perms)) listVotes.set(perms, votes);
  }
  return votes;
}

// Results of `combineVotes` per pair of (shared, read-only) vote arrays; held weakly, so an entry
// lives only as long as both arrays (themselves held by bounded caches or live subjects).
const combined = new WeakMap<Votes, WeakMap<Votes, Votes>>();

/**
 * The votes of `a` and `b` together (a negative sticks, an allow fills an abstention), as a new
 * shared, read-only array remembered per pair, or `a` or `b` itself when the other adds nothing.
 * Never writes to its arguments.
 */
export function combineVotes(a: Votes, b: Votes): Votes {
  if (b === NO_VOTES || a === b) return a;
  if (a === NO_VOTES) return b;
  let byB = combined.get(a);
  if (byB === undefined) {
    byB = new WeakMap();
    combined.set(a, byB);
  }
  let out = byB.get(b);
  if (out === undefined) {
    out = a.slice();
    for (let n = 0; n < PAIR_COUNT; n++) {
      const v = b[n]!;
      if (v === -1) out[n] = -1;
      else if (v === 1 && out[n] === 0) out[n] = 1;
    }
    byB.set(b, out);
  }
  return out;
}

/** Fresh empty votes. */
export function emptyVotes(): Votes {
  return new Int8Array(PAIR_COUNT);
}

/** Shared all-abstain votes (an empty list's): read-only, and `combineVotes` adds nothing for it. */
export const NO_VOTES: Votes = emptyVotes();
