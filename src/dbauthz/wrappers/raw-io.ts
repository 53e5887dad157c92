/** The input type of store method `K` of `S` (for typing `custom` declarations). */
export type InputOf<S, K extends keyof S> = S[K] extends (
  input: infer I,
  ...rest: never[]
) => unknown
  ? I
  : never;

/** The resolved result type of store method `K` of `S`. */
export type OutputOf<S, K extends keyof S> = S[K] extends (...args: never[]) => Promise<infer R>
  ? R
  : never;
