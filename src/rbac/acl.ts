import type { AclMap } from './types.ts';

/** `map[key]` when it is the map's own array entry (never a prototype member). */
export function ownEntry(
  map: AclMap | undefined | null,
  key: string,
): readonly string[] | undefined {
  if (map === undefined || map === null || !Object.hasOwn(map, key)) return undefined;
  const list = map[key];
  return Array.isArray(list) ? list : undefined;
}

/** True when an ACL entry lists the action or `*`. */
export function listsAction(list: readonly string[] | undefined, action: string): boolean {
  return list !== undefined && (list.includes(action) || list.includes('*'));
}
