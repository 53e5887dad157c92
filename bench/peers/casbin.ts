// node-casbin: RBAC with domains (the org is the domain, `site` for site roles) plus ABAC on the
// request object for ownership, and a registered function for ACLs. Policies live in memory.
import { newEnforcer, newModelFromString } from 'casbin';
import { ADMIN_ACTIONS, type EngineFactory, type ObjectSpec } from './model.ts';

const MODEL = `
[request_definition]
r = sub, obj, act

[policy_definition]
p = sub, scope, type, act, cond

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = r.obj.type == p.type && (p.act == "*" || r.act == p.act) && \
  ((p.scope == "site" && g(r.sub, p.sub, "site")) || \
   (p.scope == "org" && g(r.sub, p.sub, r.obj.org) && (p.cond == "any" || r.obj.owner == r.sub)) || \
   (p.scope == "acl" && g(r.sub, p.sub, r.obj.org) && aclGrants(r.sub, r.obj, r.act)))
`;

/** The request object casbin's matcher reads (`r.obj.*`). */
interface CasbinWorkspace extends ObjectSpec {
  readonly type: 'workspace';
}

/** Whether a user, group or Everyone ACL entry of `obj` lists `act` (or `*`) for `sub`. */
function aclGrantsFor(groupsOf: ReadonlyMap<string, readonly string[]>) {
  const lists = (entry: readonly string[] | undefined, act: string) =>
    entry !== undefined && (entry.includes(act) || entry.includes('*'));
  return (sub: string, obj: CasbinWorkspace, act: string): boolean =>
    lists(obj.aclUsers[sub], act) ||
    lists(obj.aclGroups[obj.org], act) ||
    (groupsOf.get(sub) ?? []).some((g) => lists(obj.aclGroups[g], act));
}

/** casbin with policies equivalent to ours, built once per subject; checks use `enforceSync`. */
export const casbin: EngineFactory = async (s, objectSpecs) => {
  const enforcer = await newEnforcer(newModelFromString(MODEL));
  await enforcer.addPolicies([
    ['owner', 'site', 'workspace', '*', 'any'],
    ['organization-member', 'org', 'workspace', '*', 'owner'],
    ...ADMIN_ACTIONS.map((a) => ['organization-admin', 'org', 'workspace', a, 'any']),
    ['organization-member', 'acl', 'workspace', '*', 'any'],
  ]);
  const links: string[][] = [];
  if (s.owner) links.push([s.id, 'owner', 'site']);
  for (const org of s.memberOrgs) links.push([s.id, 'organization-member', org]);
  for (const org of s.adminOrgs) links.push([s.id, 'organization-admin', org]);
  if (links.length > 0) await enforcer.addGroupingPolicies(links);
  await enforcer.addFunction('aclGrants', aclGrantsFor(new Map([[s.id, s.groups]])));
  const objects: CasbinWorkspace[] = objectSpecs.map((o) => ({ ...o, type: 'workspace' }));
  return {
    name: 'casbin',
    check: (action, i) => enforcer.enforceSync(s.id, objects[i]!, action),
  };
};
