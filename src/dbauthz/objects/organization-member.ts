import type { OrganizationMember } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/** A membership as an RBAC object: in its org, owned by the member (so members may read their own). */
export function organizationMemberObject(
  member: Pick<OrganizationMember, 'userId' | 'organizationId'>,
): RbacObject {
  return {
    type: 'organization_member',
    id: member.userId,
    owner: member.userId,
    org: member.organizationId,
  };
}
