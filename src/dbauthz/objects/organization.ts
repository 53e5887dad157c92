import type { Organization } from '../../../db/types.ts';
import type { RbacObject } from '../../rbac/types.ts';

/** An organization as an RBAC object: it lives in itself, so its org roles apply to it. */
export function organizationObject(org: Pick<Organization, 'id'>): RbacObject {
  return { type: 'organization', id: org.id, org: org.id };
}
