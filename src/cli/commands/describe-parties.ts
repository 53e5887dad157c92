import type { RawStore } from '../../../db/queries/index.ts';
import type { RbacObject, Subject } from '../../rbac/index.ts';

/** Names for the ids an explanation mentions: organizations, groups, the subject and the owner. */
export async function namesFor(
  raw: RawStore,
  subject: Subject,
  object: RbacObject,
  username: string,
): Promise<Map<string, string>> {
  const names = new Map<string, string>([[subject.id, username]]);
  const orgIds = new Set<string>();
  for (const role of subject.roles) {
    if (typeof role === 'object' && 'org' in role && typeof role.org === 'string')
      orgIds.add(role.org);
  }
  if (object.org !== undefined) orgIds.add(object.org);
  for (const id of orgIds) {
    const org = await raw.getOrganizationById({ id }).catch(() => undefined);
    if (org !== undefined) names.set(id, org.name);
  }
  const groupIds = new Set([...subject.groups, ...Object.keys(object.aclGroups ?? {})]);
  for (const id of groupIds) {
    if (orgIds.has(id)) continue; // the Everyone group: named after its org below
    const group = await raw.getGroupById({ id }).catch(() => undefined);
    if (group !== undefined) names.set(id, group.name);
  }
  const userIds = new Set([
    ...(object.owner === undefined ? [] : [object.owner]),
    ...Object.keys(object.aclUsers ?? {}),
  ]);
  for (const id of userIds) {
    if (names.has(id)) continue;
    const user = await raw.getUserById({ id }).catch(() => undefined);
    if (user !== undefined) names.set(id, user.username);
  }
  return names;
}

const named = (names: ReadonlyMap<string, string>, id: string) => names.get(id) ?? id;

/** The subject's roles (org-bound ones as `role@org`), groups and scope, on one line. */
export function describeSubject(subject: Subject, names: ReadonlyMap<string, string>): string {
  const roles = subject.roles.map((role) => {
    if (typeof role === 'string') return role;
    const org = 'org' in role && typeof role.org === 'string' ? `@${named(names, role.org)}` : '';
    return `${role.name}${org}`;
  });
  const orgs = new Set(
    subject.roles.flatMap((r) =>
      typeof r === 'object' && 'org' in r && typeof r.org === 'string' ? [r.org] : [],
    ),
  );
  const groups = subject.groups.map((g) =>
    orgs.has(g) ? `Everyone@${named(names, g)}` : named(names, g),
  );
  const scope = typeof subject.scope === 'string' ? subject.scope : JSON.stringify(subject.scope);
  return `roles ${roles.join(', ')}; groups ${groups.join(', ') || '(none)'}; scope ${scope}`;
}

/** The object's type, owner, org and ACL entries, on one line. */
export function describeObject(object: RbacObject, names: ReadonlyMap<string, string>): string {
  const parts = [`${object.type} ${object.id ?? '(no id)'}`];
  if (object.owner !== undefined) parts.push(`owner ${named(names, object.owner)}`);
  if (object.org !== undefined) parts.push(`org ${named(names, object.org)}`);
  const acl = (map: RbacObject['aclUsers']) =>
    Object.entries(map ?? {})
      .map(([key, actions]) => `${named(names, key)}: ${actions.join('/')}`)
      .join(', ');
  if (Object.keys(object.aclUsers ?? {}).length > 0)
    parts.push(`user ACL {${acl(object.aclUsers)}}`);
  if (Object.keys(object.aclGroups ?? {}).length > 0)
    parts.push(`group ACL {${acl(object.aclGroups)}}`);
  return parts.join('; ');
}
