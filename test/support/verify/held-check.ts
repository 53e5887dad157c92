import {
  type Action,
  authorize,
  type Permission,
  type RbacObject,
  type ResourceType,
  type Role,
  type Subject,
} from '../../../src/rbac/index.ts';

/** One permission of a role with the level (and org) it is granted at. */
export interface Grant {
  readonly level: 'site' | 'user' | 'org' | 'member';
  readonly org?: string;
  readonly permission: Permission;
}

/** Every permission a role grants, with its level, enumerated here (independently of the engine). */
export function grantsOf(role: Role): Grant[] {
  return [
    ...role.site.map((permission) => ({ level: 'site' as const, permission })),
    ...role.user.map((permission) => ({ level: 'user' as const, permission })),
    ...Object.entries(role.byOrg).flatMap(([org, levels]) => [
      ...levels.org.map((permission) => ({ level: 'org' as const, org, permission })),
      ...levels.member.map((permission) => ({ level: 'member' as const, org, permission })),
    ]),
  ];
}

/** The object standing for "this permission at this level" for `actor`. */
export function grantObject(actor: Subject, grant: Grant): RbacObject {
  const type = grant.permission.type as ResourceType;
  if (grant.level === 'site') return { type };
  if (grant.level === 'user') return { type, owner: actor.id };
  if (grant.level === 'org') return { type, org: grant.org! };
  return { type, org: grant.org!, owner: actor.id };
}

/** The grants of `role` that `actor` does not itself hold at their level (empty = nothing escalates). */
export function unheldGrants(actor: Subject, role: Role): Grant[] {
  return grantsOf(role)
    .filter(
      ({ permission }) => permission.negate || permission.type === '*' || permission.action === '*',
    )
    .concat(
      grantsOf(role).filter(
        (grant) =>
          !grant.permission.negate &&
          grant.permission.type !== '*' &&
          grant.permission.action !== '*' &&
          !authorize(actor, grant.permission.action as Action, grantObject(actor, grant)),
      ),
    );
}
