import { checkSubjectInput } from './check-subject-input.ts';
import { deepFreeze } from './deep-freeze.ts';
import { validRole } from './role.ts';
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

/**
 * A validated, deeply frozen subject. Shapes, permissions and scope names are checked here
 * (`InvalidPolicyError`); role names are resolved by the authorizer on first use, because custom
 * roles live in its registry. Role values the library built (`isTrustedRole`: the built-in role
 * builders, `defineRole`) are taken as they are; any other role value is validated in full. Without
 * a scope the subject acts with `coder:all`, as a Coder browser session does.
 * @example createSubject({ id: userId, roles: ['member', { name: 'organization-member', org }] })
 */
export function createSubject(input: SubjectInput): Subject {
  const checked = checkSubjectInput(input);
  const roles = checked.roles.map((ref) =>
    typeof ref === 'object' && 'site' in ref ? validRole(ref) : ref,
  );
  const scope = checked.scope ?? 'coder:all';
  resolveScope(scope);
  const subject: Subject = deepFreeze({
    id: checked.id,
    roles,
    groups: [...(checked.groups ?? [])],
    scope: typeof scope === 'string' ? scope : structuredClone(scope),
    ...(checked.type === undefined ? {} : { type: checked.type }),
    ...(checked.notices?.length ? { notices: structuredClone(checked.notices) } : {}),
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
