// The generic wrappers every store method is declared with.
export { authorizeArgs } from './authorize-args.ts';
export { authorizeParent } from './authorize-parent.ts';
export type {
  Declaration,
  DeclarationKind,
  Declarations,
  RawCall,
  RawCallOptions,
  RawMethodName,
} from './declaration.ts';
export { fetchThenAuthorize } from './fetch-then-authorize.ts';
export { fetchThenAuthorizeVia } from './fetch-then-authorize-via.ts';
export { fetchThenMutate } from './fetch-then-mutate.ts';
export { type FilterBuilder, filteredCount, filteredList } from './filtered-list.ts';
export { type Check, custom, orderedChecks } from './ordered-checks.ts';
