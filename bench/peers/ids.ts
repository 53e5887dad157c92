/** A deterministic lowercase uuid: `kind` (one hex digit) tags what it names, `n` numbers it. */
export function uuid(kind: 'a' | 'b' | 'c' | 'd' | 'e' | 'f', n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `${kind}0000000-0000-4000-8000-${hex}`;
}

/** Organization number `n`. */
export const orgId = (n: number) => uuid('a', n);
/** User number `n` (user 0 is the subject of every scenario). */
export const userId = (n: number) => uuid('b', n);
/** Group number `n`. */
export const groupId = (n: number) => uuid('c', n);
/** Workspace number `n`. */
export const workspaceId = (n: number) => uuid('d', n);
