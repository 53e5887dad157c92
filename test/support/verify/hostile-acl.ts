import type { Random } from './random.ts';

/** The ids an ACL may name. */
export interface AclContext {
  readonly users: readonly string[];
  readonly orgs: readonly string[];
  readonly groups: readonly { readonly id: string; readonly organizationId: string }[];
  readonly phantoms: { readonly user: string; readonly group: string };
}

/**
 * A hostile ACL map for a row in `orgId`: keys that are pool users, strangers, `*`, upper-cased
 * or non-uuid spellings of real ids, groups of this and other orgs, the Everyone group (this org's
 * id) and other orgs' Everyone groups; actions that grant read, grant only other actions, use `*`,
 * are empty, or are near misses (`READ`).
 */
export function hostileAcl(
  random: Random,
  context: AclContext,
  orgId: string,
  kind: 'user' | 'group',
  actions: readonly string[],
): Record<string, string[]> {
  const acl: Record<string, string[]> = {};
  if (random.chance(0.3)) return acl;
  const sameOrgGroups = context.groups.filter((g) => g.organizationId === orgId).map((g) => g.id);
  const otherGroups = context.groups.filter((g) => g.organizationId !== orgId).map((g) => g.id);
  const keys =
    kind === 'user'
      ? () =>
          random.pick([
            random.pick(context.users),
            random.pick(context.users),
            random.pick(context.users),
            context.phantoms.user,
            '*',
            random.pick(context.users).toUpperCase(),
            'alice',
          ])
      : () =>
          random.pick([
            orgId,
            orgId,
            ...(sameOrgGroups.length > 0
              ? [random.pick(sameOrgGroups), random.pick(sameOrgGroups)]
              : []),
            ...(otherGroups.length > 0 ? [random.pick(otherGroups)] : []),
            random.pick(context.orgs),
            context.phantoms.group,
            '*',
          ]);
  const actionLists = [
    ['read'],
    ['*'],
    [random.pick(actions)],
    random.subset(actions),
    [],
    ['READ'],
  ];
  for (let i = 1 + random.int(3); i > 0; i--) acl[keys()] = random.pick(actionLists);
  return acl;
}
