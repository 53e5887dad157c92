import { describe, expect, it } from 'vitest';
import type { RawStore } from '../../db/queries/index.ts';
import { declarations } from '../../src/dbauthz/methods/index.ts';
import { usersMethods } from '../../src/dbauthz/methods/users.ts';
import {
  type AllDeclarations,
  mergeDeclarations,
} from '../../src/dbauthz/wrappers/merge-declarations.ts';

describe('merging the declarations of the areas', () => {
  it('refuses a method two areas declare (a spread would let the later one win silently)', () => {
    const [name, declaration] = Object.entries(usersMethods)[0]!;
    expect(() => mergeDeclarations(usersMethods, { [name]: declaration })).toThrow(
      `${name} is declared by two areas`,
    );
  });

  it('keeps every declaration of every area', () => {
    const merged = mergeDeclarations(usersMethods, {});
    expect(Object.keys(merged).sort()).toEqual(Object.keys(usersMethods).sort());
    expect(Object.keys(declarations).length).toBeGreaterThan(Object.keys(usersMethods).length);
  });

  it('makes a raw method without a declaration a compile error (checked by npm run typecheck)', () => {
    // @ts-expect-error: one area alone leaves most raw methods undeclared.
    const partial = mergeDeclarations(usersMethods) satisfies AllDeclarations<RawStore>;
    expect(partial).toBeDefined();
    const whole = declarations satisfies AllDeclarations<RawStore>;
    expect(whole).toBe(declarations);
  });
});
