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

function votesOfList(perms: readonly Permission[]): Votes {
  let votes = listVotes.get(perms);
  if (votes === undefined) {
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

/** Adds permissions to a vote array, negatives sticking. */
export function addVotes(votes: Votes, perms: readonly Permission[]): void {
  if (perms.length === 0) return;
  const add = votesOfList(perms);
  for (let n = 0; n < PAIR_COUNT; n++) {
    const v = add[n]!;
    if (v === -1) votes[n] = -1;
    else if (v === 1 && votes[n] === 0) votes[n] = 1;
  }
}

/** Fresh empty votes. */
export function emptyVotes(): Votes {
  return new Int8Array(PAIR_COUNT);
}
