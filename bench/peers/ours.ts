import {
  type AclMap,
  authorize,
  createSubject,
  defaultAuthorizer,
  object,
  type RbacObject,
  type RoleRef,
  type Subject,
} from '../../src/rbac/index.ts';
import type { EngineFactory, ObjectSpec, SubjectSpec } from './model.ts';

/** Our subject for a spec: site `member` (or `owner`), org member + workspace access, org admin. */
export function ourSubject(spec: SubjectSpec): Subject {
  const roles: (string | RoleRef)[] = [spec.owner ? 'owner' : 'member'];
  if (spec.owner) roles.push('member');
  for (const org of spec.memberOrgs) {
    roles.push(
      { name: 'organization-member', org },
      { name: 'organization-workspace-access', org },
    );
  }
  for (const org of spec.adminOrgs) roles.push({ name: 'organization-admin', org });
  return createSubject({ id: spec.id, roles, groups: [...spec.groups] });
}

/** Our RBAC object for a workspace spec. */
export function ourObject(spec: ObjectSpec): RbacObject {
  return object('workspace')
    .withId(spec.id)
    .withOwner(spec.owner)
    .inOrg(spec.org)
    .withAclUsers(spec.aclUsers as AclMap)
    .withAclGroups(spec.aclGroups as AclMap);
}

/** dbauthz `authorize`, with the subject compiled once up front (then cached per subject object). */
export const ours: EngineFactory = async (subjectSpec, objectSpecs) => {
  const subject = ourSubject(subjectSpec);
  const objects = objectSpecs.map(ourObject);
  defaultAuthorizer.compile(subject);
  return {
    name: 'dbauthz',
    check: (action, i) => authorize(subject, action, objects[i]!),
  };
};
