import { createSubject } from '../../src/rbac/subject.ts';
import type { Subject } from '../../src/rbac/types.ts';

/** A subject holding `member` plus `site` roles, the `organization-member` floor in `orgId`, and `orgRoles` there. */
export function memberOf(
  userId: string,
  orgId: string,
  orgRoles: readonly string[] = [],
  options: { site?: readonly string[]; groups?: readonly string[] } = {},
): Subject {
  return createSubject({
    id: userId,
    roles: [
      'member',
      ...(options.site ?? []),
      { name: 'organization-member', org: orgId },
      ...orgRoles.map((name) => ({ name, org: orgId })),
    ],
    groups: options.groups ?? [],
  });
}
