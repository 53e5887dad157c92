// Roles folded into votes once per process and shared by every subject holding an equal role. The
// cache is keyed by content (never by name), so a custom role whose permissions change gets a new
// key and compiles anew; equal content under another object (a role rebuilt per request) hits.
import { BoundedCache } from './bounded-cache.ts';
import { type Votes, votesOf } from './pair-index.ts';
import { validRole } from './role.ts';
import type { Permission, Role } from './types.ts';

/** One org's share of a compiled role: votes at org level and org-member level. */
export interface CompiledOrgVotes {
  readonly org: string;
  readonly orgVotes: Votes;
  readonly memberVotes: Votes;
}

/**
 * A role folded into read-only votes per level (shared: merge them, never write to them). `orgs`
 * lists every `byOrg` key, even one without permissions, because holding it makes a member.
 */
export interface CompiledRole {
  /** The content key the role is cached under. */
  readonly key: string;
  readonly site: Votes;
  readonly user: Votes;
  readonly orgs: readonly CompiledOrgVotes[];
}

/** Compiled roles held at most (a subject in 100 orgs with two org roles each uses 201). */
const ROLE_CAPACITY = 8192;
/**
 * Permission lists whose content is interned at most, and the longest content interned (~250
 * permissions; a longer list gets an id of its own, so its role compiles once per list object).
 */
const LIST_CAPACITY = 2048;
const LIST_CONTENT_MAX = 8192;

const compiled = new BoundedCache<string, CompiledRole>(ROLE_CAPACITY);
const listIdByContent = new BoundedCache<string, number>(LIST_CAPACITY);
// Ids are never reused, so an id always stands for one content: an evicted content gets a new id
// (a cache miss later), never another content's.
let lastListId = 0;
const listIds = new WeakMap<readonly Permission[], number>();
const roleKeys = new WeakMap<Role, string>();
let misses = 0;

/** A number standing for a permission list's content (0 for empty); equal content, equal number. */
function listId(perms: readonly Permission[]): number {
  if (perms.length === 0) return 0;
  let id = listIds.get(perms);
  if (id !== undefined) return id;
  // Types and actions are catalogue names or `*` (the role was validated): no `-`, `:` or `,`.
  const content = perms.map((p) => `${p.negate ? '-' : ''}${p.type}:${p.action}`).join(',');
  if (content.length <= LIST_CONTENT_MAX) id = listIdByContent.get(content);
  if (id === undefined) {
    id = ++lastListId;
    if (content.length <= LIST_CONTENT_MAX) listIdByContent.set(content, id);
  }
  listIds.set(perms, id);
  return id;
}

/**
 * The content key of a validated (deeply frozen) role: its lists' content numbers per level, and
 * each org id length-prefixed, so two roles share a key exactly when they grant the same.
 */
function roleKey(role: Role): string {
  let key = roleKeys.get(role);
  if (key === undefined) {
    key = `${listId(role.site)}.${listId(role.user)}`;
    for (const [org, perms] of Object.entries(role.byOrg)) {
      key += `|${org.length}:${org}${listId(perms.org)}.${listId(perms.member)}`;
    }
    roleKeys.set(role, key);
  }
  return key;
}

/**
 * The compiled form of `role`, shared by every role of equal content. A role the library did not
 * build is validated first (`validRole`, `InvalidPolicyError` when malformed).
 */
export function compileRole(role: Role): CompiledRole {
  const valid = validRole(role);
  const key = roleKey(valid);
  let result = compiled.get(key);
  if (result === undefined) {
    misses++;
    result = Object.freeze({
      key,
      site: votesOf(valid.site),
      user: votesOf(valid.user),
      orgs: Object.freeze(
        Object.entries(valid.byOrg).map(([org, perms]) =>
          Object.freeze({
            org,
            orgVotes: votesOf(perms.org),
            memberVotes: votesOf(perms.member),
          }),
        ),
      ),
    });
    compiled.set(key, result);
  }
  return result;
}

/**
 * How many times a role was compiled (a cache miss) in this process. For tests and diagnostics:
 * compiling a second subject whose roles have equal content leaves it unchanged.
 */
export function rolesCompiled(): number {
  return misses;
}
