import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../db/errors.ts';
import { buildAuthorizedStore } from '../../src/dbauthz/build-store.ts';
import { declarations } from '../../src/dbauthz/methods/index.ts';
import { customRoleValue } from '../../src/dbauthz/resources/custom-role-value.ts';
import { hasErrorCode } from '../../src/rbac/errors.ts';
import { createMockRawStore } from './support/mock-raw-store.ts';
import { rawInputSchemas, rawMethodNames } from './support/raw-method-names.ts';
import { createRecordingAuthorizer } from './support/recording-authorizer.ts';
import { auditActor } from './support/run-audit-suite.ts';

const names = rawMethodNames();
const schemas = rawInputSchemas();
const workspace = {
  id: 'a0d17000-0000-4000-8000-0000000000c1',
  ownerId: auditActor.id,
  organizationId: 'a0d17000-0000-4000-8000-0000000000f1',
  dormantAt: null,
  deleted: false,
};

type Method = (input: unknown) => Promise<unknown>;

function setup(answers: Record<string, unknown> = {}) {
  const mock = createMockRawStore(names, answers, schemas);
  const authorizer = createRecordingAuthorizer([]);
  const store = buildAuthorizedStore(mock.store, declarations, { authorizer });
  const method = (bound: unknown, name: string) =>
    ((bound as Record<string, Method>)[name] as Method).bind(bound);
  return { mock, authorizer, store, method };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('input validation at the authorized store boundary', () => {
  it('every raw method carries the zod schema it validates its input with', () => {
    expect(names.length).toBeGreaterThan(80);
    expect(names.filter((name) => schemas[name] === undefined)).toEqual([]);
  });

  it('raises NoActorError before validating: no actor and a bad input is still no_actor', async () => {
    const { mock, authorizer, store, method } = setup();
    const error = await failure(method(store, 'getWorkspaceById')(null));
    expect(hasErrorCode(error, 'no_actor')).toBe(true);
    expect(mock.calls).toEqual([]);
    expect(authorizer.checks).toEqual([]);
  });

  it.each([
    ['getWorkspaceById', null, ''],
    ['getWorkspaceById', { id: 'not-a-uuid' }, 'id'],
    ['insertGroup', { organizationId: 42, name: 'devs' }, 'organizationId'],
    ['getCustomRolesByNames', { roles: 'admin' }, 'roles'],
    ['insertCustomRole', { organizationId: workspace.organizationId, name: {} }, 'name'],
  ])(
    'rejects %s(%j) as invalid_input at "%s" before any check or raw call',
    async (name, input, field) => {
      const { mock, authorizer, store, method } = setup();
      const error = await failure(method(store.as(auditActor), name)(input));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe(field);
      expect(authorizer.checks).toEqual([]);
      expect(mock.calls).toEqual([]);
    },
  );

  it('hands the parsed value (a fresh object) to the declaration and raw call', async () => {
    const mock = createMockRawStore(names, { getWorkspaceById: workspace }, schemas);
    const allowAll = { authorize: () => true, prepare: () => ({ op: 'true' }) as const };
    const store = buildAuthorizedStore(mock.store, declarations, { authorizer: allowAll });
    const caller = { id: workspace.id };
    const getWorkspaceById = store.as(auditActor).getWorkspaceById as unknown as Method;
    await expect(getWorkspaceById.call(store.as(auditActor), caller)).resolves.toEqual(workspace);
    expect(mock.calls.map((c) => c.input)).toEqual([{ id: workspace.id }]);
    expect(mock.calls[0]!.input).not.toBe(caller);
  });

  it('refuses an unknown input field with invalid_input naming it, and calls nothing', async () => {
    const mock = createMockRawStore(names, { getWorkspaceById: workspace }, schemas);
    const allowAll = { authorize: () => true, prepare: () => ({ op: 'true' }) as const };
    const store = buildAuthorizedStore(mock.store, declarations, { authorizer: allowAll });
    const getWorkspaceById = store.as(auditActor).getWorkspaceById as unknown as Method;
    await expect(
      getWorkspaceById.call(store.as(auditActor), { id: workspace.id, extra: 'refused' }),
    ).rejects.toMatchObject({ code: 'invalid_input', field: 'extra' });
    expect(mock.calls).toEqual([]);
  });

  it('a malformed stored custom role (object name, no prototype) is an invalid_policy, not a TypeError', () => {
    const name = Object.create(null) as string;
    const organizationId = workspace.organizationId;
    const error = (() => {
      try {
        customRoleValue({ organizationId, name });
      } catch (e) {
        return e;
      }
    })();
    expect(error).not.toBeInstanceOf(TypeError);
    expect(hasErrorCode(error, 'invalid_policy')).toBe(true);
    expect(String((error as Error).message)).toContain('custom role "<object>"');
  });
});
