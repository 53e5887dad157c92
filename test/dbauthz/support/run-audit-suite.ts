import { describe, expect, it } from 'vitest';
import type { RawStore } from '../../../db/queries/index.ts';
import { buildAuthorizedStore } from '../../../src/dbauthz/build-store.ts';
import type { Declarations } from '../../../src/dbauthz/wrappers/declaration.ts';
import { hasErrorCode } from '../../../src/rbac/errors.ts';
import type { Authorizer, Subject } from '../../../src/rbac/types.ts';
import { createMockRawStore } from './mock-raw-store.ts';
import { rawInputSchemas } from './raw-method-names.ts';
import { createRecordingAuthorizer, denyAll } from './recording-authorizer.ts';
import type { SpecRow } from './spec-row.ts';

/** The actor of every audited call (the recording authorizer ignores its roles). */
export const auditActor: Subject = Object.freeze({
  id: 'a0d17000-0000-4000-8000-000000000001',
  roles: [],
  groups: [],
  scope: 'coder:all',
});

type Method = (input: unknown, options?: unknown) => Promise<unknown>;

// The real raw methods' input schemas: spec inputs pass the same boundary validation as in use.
const schemas = rawInputSchemas();

function storeOver(
  names: readonly string[],
  row: SpecRow,
  authorizer: Authorizer,
  declarations: Declarations<RawStore>,
) {
  const mock = createMockRawStore(names, row.rawAnswers, schemas);
  const store = buildAuthorizedStore(mock.store, declarations, { authorizer });
  const method = (bound: unknown) =>
    ((bound as Record<string, Method>)[row.method] as Method).bind(bound);
  return { mock, store, method };
}

async function outcome(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

/**
 * Defines the audit tests of every raw method: its spec rows (exact ordered checks, return, raw
 * calls), a call with no actor (NoActorError, nothing reaches the raw store) and a call under a
 * deny-all authorizer (forbidden, or []/0 for filtered lists; the method's own raw query never
 * runs unless it is the fetch of a read). Every method must have both rows and a declaration
 * (a missing declaration is also a compile error: `AllDeclarations`).
 */
export function auditStore(options: {
  readonly names: readonly string[];
  readonly specs: readonly SpecRow[];
  readonly declarations: Declarations<RawStore>;
}): void {
  const { names, specs, declarations } = options;
  const kinds = declarations as Record<string, { kind: string } | undefined>;

  it('has a spec row and a declaration for every raw method', () => {
    const covered = new Set(specs.map((row) => row.method as string));
    const missing = names.filter((n) => !covered.has(n));
    const undeclared = names.filter((n) => kinds[n] === undefined);
    expect({ missing, undeclared }).toEqual({ missing: [], undeclared: [] });
  });

  for (const method of names) {
    const rows = specs.filter((row) => row.method === method);
    const first = rows[0];
    if (first === undefined) continue;
    describe(method, () => {
      rows.forEach((row, index) => {
        it(`spec row ${index + 1}: makes exactly the listed checks, in order`, async () => {
          const authorizer = createRecordingAuthorizer(row.checks);
          const { mock, store, method: call } = storeOver(names, row, authorizer, declarations);
          const result = await outcome(call(store.as(auditActor))(row.input, row.options));
          expect(authorizer.checks).toEqual(
            row.checks.map(({ allowed: _, predicate: __, ...c }: Record<string, unknown>) => c),
          );
          if (row.rejects !== undefined) {
            expect(hasErrorCode(result.error, row.rejects), String(result.error)).toBe(true);
          } else {
            expect(result.error).toBeUndefined();
            if ('returns' in row) expect(result.value).toEqual(row.returns);
          }
          if (row.rawCalls) expect(mock.calls.map((c) => c.method)).toEqual(row.rawCalls);
        });
      });

      it('raises NoActorError with no actor, and the raw store is never called', async () => {
        const authorizer = createRecordingAuthorizer([]);
        const { mock, store, method: call } = storeOver(names, first, authorizer, declarations);
        const result = await outcome(call(store)(first.input, first.options));
        expect(hasErrorCode(result.error, 'no_actor')).toBe(true);
        expect(mock.calls).toEqual([]);
        expect(authorizer.checks).toEqual([]);
      });

      it('is denied by an authorizer that denies everything', async () => {
        const { mock, store, method: call } = storeOver(names, first, denyAll, declarations);
        const result = await outcome(call(store.as(auditActor))(first.input, first.options));
        const kind = kinds[method]?.kind;
        if (kind === 'list') expect(result).toEqual({ value: [] });
        else if (kind === 'count') expect(result).toEqual({ value: 0 });
        else expect(hasErrorCode(result.error, 'forbidden'), String(result.error)).toBe(true);
        const ownCalls = mock.calls.filter((c) => c.method === method);
        expect(ownCalls).toHaveLength(kind === 'fetch' ? 1 : 0);
      });
    });
  }
}
