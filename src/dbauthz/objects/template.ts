import type { Template } from '../../../db/types.ts';
import type { AclMap, RbacObject } from '../../rbac/types.ts';

/** A template as an RBAC object: in its org, with its user and group ACLs (Everyone = org id). */
export function templateObject(
  template: Pick<Template, 'id' | 'organizationId' | 'userAcl' | 'groupAcl'>,
): RbacObject {
  return {
    type: 'template',
    id: template.id,
    org: template.organizationId,
    aclUsers: template.userAcl as AclMap,
    aclGroups: template.groupAcl as AclMap,
  };
}
