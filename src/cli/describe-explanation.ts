import type { Explanation } from '../rbac/index.ts';

/**
 * One readable line for an explanation: the verdict, the reason code and the engine's message
 * (deciding level, role and permission, ACL entry, or why nothing allowed), with ids replaced by
 * `names` where known.
 */
export function describeExplanation(
  explanation: Explanation,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  let message = explanation.message;
  for (const [id, label] of names) message = message.replaceAll(id, label);
  return `${explanation.allowed ? 'ALLOWED' : 'DENIED'} (${explanation.reason}): ${message}`;
}
