import type { Declarations } from './declaration.ts';

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (
  i: infer I,
) => void
  ? I
  : never;

/**
 * One declaration for every raw method of `S`: the type the merged record must satisfy, so a raw
 * method with no declaration is a compile error naming it (`npm run typecheck`).
 */
export type AllDeclarations<S> = { readonly [K in keyof Declarations<S>]-?: Declarations<S>[K] };

/**
 * Merges the declaration records of several areas into one, refusing a method declared in two of
 * them (an object spread would let the later one win silently).
 */
export function mergeDeclarations<const A extends readonly object[]>(
  ...areas: A
): UnionToIntersection<A[number]> {
  const merged: Record<string, unknown> = {};
  for (const area of areas) {
    for (const [name, declaration] of Object.entries(area)) {
      if (Object.hasOwn(merged, name)) throw new Error(`${name} is declared by two areas`);
      merged[name] = declaration;
    }
  }
  return merged as UnionToIntersection<A[number]>;
}
