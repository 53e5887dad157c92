import { InvalidPolicyError } from './errors.ts';
import { isTrustedRole } from './role.ts';
import { RoleRefSchema, SubjectSchema } from './schemas.ts';
import type { RoleRef, ScopeSpec, SubjectNotice } from './types.ts';

/** A `createSubject` input as read once by `checkSubjectInput`: checked, roles copied. */
export interface CheckedSubjectInput {
  readonly id: string;
  readonly roles: RoleRef[];
  readonly groups: readonly string[] | undefined;
  readonly scope: ScopeSpec | undefined;
  readonly type: string | undefined;
  readonly notices: readonly SubjectNotice[] | undefined;
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** `{ name, org }` with exactly those own keys, both non-empty strings, copied from one read. */
function orgRoleName(ref: object): { name: string; org: string } | undefined {
  if (!Object.hasOwn(ref, 'name') || !Object.hasOwn(ref, 'org')) return undefined;
  if (Object.keys(ref).length !== 2) return undefined;
  const { name, org } = ref as { name: unknown; org: unknown };
  return nonEmpty(name) && nonEmpty(org) ? { name, org } : undefined;
}

/** Whether a field passes its `SubjectSchema` field schema. */
function fieldValid(field: 'scope' | 'notices', value: unknown): boolean {
  return SubjectSchema.shape[field].safeParse(value).success;
}

/** Throws the `InvalidPolicyError` `SubjectSchema` reports for `input` (always throws). */
function reject(input: unknown): never {
  const parsed = SubjectSchema.safeParse(input);
  const why = parsed.success
    ? 'rejected'
    : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new InvalidPolicyError(`invalid subject: ${why}`);
}

/**
 * Checks a `createSubject` input against `SubjectSchema` and returns its fields as read once (so a
 * getter cannot hand back something else later), each `{ name, org }` role copied. It accepts exactly what the schema accepts, but skips zod where a plain check decides:
 * ids, names and groups are compared directly, and a role value the library built
 * (`isTrustedRole`, deeply frozen) is not re-validated. Anything else (a hand-built role value,
 * an object scope, notices) goes through its zod schema; on any failure the whole input is
 * parsed for the message, so errors read as before (`InvalidPolicyError`).
 */
export function checkSubjectInput(input: unknown): CheckedSubjectInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) reject(input);
  const { id, roles, groups, scope, type, notices } = input as Record<string, unknown>;
  if (!nonEmpty(id) || !Array.isArray(roles)) reject(input);
  if (groups !== undefined && !(Array.isArray(groups) && groups.every(nonEmpty))) reject(input);
  if (type !== undefined && typeof type !== 'string') reject(input);
  if (scope !== undefined && !nonEmpty(scope) && !fieldValid('scope', scope)) reject(input);
  if (notices !== undefined && !(Array.isArray(notices) && notices.length === 0)) {
    if (!fieldValid('notices', notices)) reject(input);
  }
  const out: RoleRef[] = [];
  for (const ref of roles as unknown[]) {
    if (nonEmpty(ref) || isTrustedRole(ref)) {
      out.push(ref);
      continue;
    }
    const named = typeof ref === 'object' && ref !== null ? orgRoleName(ref) : undefined;
    if (named) {
      out.push(named);
      continue;
    }
    if (!RoleRefSchema.safeParse(ref).success) reject(input);
    const value = ref as RoleRef & object;
    out.push('site' in value ? value : { name: value.name, org: (value as { org: string }).org });
  }
  return {
    id,
    roles: out,
    groups: groups as readonly string[] | undefined,
    scope: scope as ScopeSpec | undefined,
    type,
    notices: notices as readonly SubjectNotice[] | undefined,
  };
}
