import type { SQL } from 'drizzle-orm';
import type { CallContext } from '../call-context.ts';

/**
 * The second argument the authorization layer passes to a raw method: the SQL filter it pushes
 * into the query's WHERE (list, count and guarded writes), plus the caller's call options. Only
 * this layer builds it; an authorized store's caller can never hand in SQL.
 */
export interface RawCallOptions {
  readonly where?: SQL | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly timeoutMs?: number | undefined;
}

/** How a declaration authorizes, which tells the audit suite what a denial must look like. */
export type DeclarationKind = 'fetch' | 'args' | 'mutate' | 'list' | 'count' | 'custom';

/** The raw method a declaration wraps, as it is called (the caller's call options already bound). */
export type RawCall<I, R> = (input: I, options?: RawCallOptions) => Promise<R>;

/** How one store method is authorized: a kind and a run over the call context and the raw method. */
export interface Declaration<S, I, R> {
  readonly kind: DeclarationKind;
  run(ctx: CallContext<S>, call: RawCall<I, R>, input: I): Promise<R>;
}

/** The methods of a raw store type, without its transaction runner. */
export type RawMethodName<S> = Exclude<keyof S & string, 'inTx' | 'onPrimary'>;

/** One declaration per raw method (optional: an undeclared method fails closed at run time). */
export type Declarations<S> = {
  readonly [K in RawMethodName<S>]?: S[K] extends (
    input: infer I,
    ...rest: never[]
  ) => Promise<infer R>
    ? Declaration<S, I, R>
    : never;
};

/** Tags a run function with its kind. */
export function declare<T extends (...args: never[]) => Promise<unknown>>(
  kind: DeclarationKind,
  run: T,
): { readonly kind: DeclarationKind; readonly run: T } {
  return { kind, run };
}
