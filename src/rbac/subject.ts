import { InvalidPolicyError } from './errors.ts';
import { validRole } from './role.ts';
import { SubjectSchema } from './schemas.ts';
import { resolveScope } from './scope-spec.ts';
import type { RoleRef, ScopeSpec, Subject, SubjectNotice } from './types.ts';

/** What `createSubject` takes: `groups` default to none, `scope` to `coder:all`. */
export interface SubjectInput {
  readonly id: string;
  readonly roles: readonly RoleRef[];
  readonly groups?: readonly string[];
  readonly scope?: ScopeSpec;
  readonly type?: string;
  /** What the loader left out (kept only when non-empty); never changes a decision. */
  readonly notices?: readonly SubjectNotice[];
}

// Subjects `createSubject` built: deeply frozen and validated, safe to act as without a copy.
const vetted = new WeakSet<Subject>();

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * A validated, deeply frozen subject. Shapes, permissions and scope names are checked here
 * (`InvalidPolicyError`); role names are resolved by the authorizer on first use, because custom
 * roles live in its registry. Without a scope the subject acts with `coder:all`, as a Coder
 * browser session does.
 * @example createSubject({ id: userId, roles: ['member', { name: 'organization-member', org }] })
 */
export function createSubject(input: SubjectInput): Subject {
  const parsed = SubjectSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidPolicyError(
      `invalid subject: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const roles = input.roles.map((ref) =>
    typeof ref === 'object' && 'site' in ref ? validRole(ref) : ref,
  );
  const scope = input.scope ?? 'coder:all';
  resolveScope(scope);
  const subject: Subject = deepFreeze({
    id: input.id,
    roles: roles.map((r) =>
      typeof r === 'object' && !('site' in r) ? { name: r.name, org: r.org } : r,
    ),
    groups: [...(input.groups ?? [])],
    scope: structuredClone(scope),
    ...(input.type === undefined ? {} : { type: input.type }),
    ...(input.notices?.length ? { notices: structuredClone(input.notices) } : {}),
  });
  vetted.add(subject);
  return subject;
}

/**
 * The subject to act as: `subject` itself when `createSubject` built it (validated and deeply
 * frozen, so nothing can change it later), else a validated, deeply frozen copy taken now, so a
 * caller mutating its own object afterwards never changes what was checked.
 */
export function vetSubject(subject: Subject): Subject {
  return vetted.has(subject) ? subject : createSubject(subject);
}
