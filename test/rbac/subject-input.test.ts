// createSubject skips zod where a plain check decides; it must still accept exactly what
// SubjectSchema accepts, and reject with the message SubjectSchema gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSubjectInput } from '../../src/rbac/check-subject-input.ts';
import {
  createSubject,
  InvalidPolicyError,
  organizationMemberRole,
  SubjectSchema,
} from '../../src/rbac/index.ts';
import { A } from './fixtures.ts';

/** What the input check threw, or `undefined` when it accepted the input. */
function checkError(input: unknown): unknown {
  try {
    checkSubjectInput(input);
    return undefined;
  } catch (error) {
    return error;
  }
}

/** The message zod's full parse gives, or `undefined` when it accepts. */
function zodMessage(input: unknown): string | undefined {
  const parsed = SubjectSchema.safeParse(input);
  if (parsed.success) return undefined;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  return `invalid subject: ${issues}`;
}

const field = <T>(values: readonly T[]) =>
  fc.option(fc.constantFrom(...values), { nil: undefined });

const roleRef = fc.constantFrom<unknown>(
  'member',
  '',
  null,
  42,
  { name: 'organization-admin', org: A },
  { name: 'organization-admin', org: '' },
  { name: 'organization-admin' },
  { name: 'organization-admin', org: A, extra: true },
  organizationMemberRole(A),
  structuredClone(organizationMemberRole(A)),
  { name: 'hand', site: [], user: [], byOrg: {} },
  { name: 'hand', site: [{ type: 'workspace', action: 'fly' }], user: [] },
  { name: 'hand', user: [] },
  Object.create({ name: 'inherited', org: A }),
);

const input = fc.record(
  {
    id: field<unknown>(['alice', '', 7, null]),
    roles: fc.oneof(fc.array(roleRef, { maxLength: 3 }), fc.constantFrom<unknown>('member', null)),
    groups: field<unknown>([[], ['g1'], [''], [1], null, 'g1']),
    scope: field<unknown>([
      'coder:all',
      '',
      null,
      { scopes: ['coder:all'] },
      { scopes: 'x' },
      { name: 's', role: { name: 'r' }, allowList: [] },
    ]),
    type: field<unknown>(['user', 1, null]),
    notices: field<unknown>([
      [],
      null,
      [{ code: 'dropped_role', role: 'r', message: 'gone' }],
      [{ code: 'nope', role: 'r', message: 'm' }],
    ]),
  },
  { requiredKeys: [] },
);

describe('the subject input check', () => {
  it('accepts exactly what SubjectSchema accepts, rejecting with its message', () => {
    fc.assert(
      fc.property(input, (value) => {
        const error = checkError(value);
        const expected = zodMessage(value);
        if (expected === undefined) {
          expect(error).toBeUndefined();
        } else {
          expect(error).toBeInstanceOf(InvalidPolicyError);
          expect((error as Error).message).toBe(expected);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects non-objects the way SubjectSchema does', () => {
    for (const value of [null, undefined, 'alice', 1, [], [{ id: 'alice', roles: [] }]]) {
      expect(() => checkSubjectInput(value)).toThrow(InvalidPolicyError);
    }
  });

  it('copies { name, org } refs from one read, so a getter cannot change them later', () => {
    let reads = 0;
    const ref = {
      name: 'organization-admin',
      get org() {
        reads++;
        return reads === 1 ? A : 'org-elsewhere';
      },
    };
    const subject = createSubject({ id: 'alice', roles: [ref] });
    expect(subject.roles).toEqual([{ name: 'organization-admin', org: A }]);
  });
});
