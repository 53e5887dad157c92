/**
 * Freezes `value` and everything reachable through its own properties, so policy data shared
 * process-wide (the catalogue, grants, scopes, subjects) cannot be changed by any module.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
