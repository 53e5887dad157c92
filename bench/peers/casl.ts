// CASL (`@casl/ability`, createMongoAbility): one ability per subject, built once, with mongo
// conditions on the workspace's fields. CASL cannot look a key up by another field's value, so
// the Everyone entry (`acl_groups[org_id]`) is copied to `acl_everyone` when the object is built.
import { AbilityBuilder, createMongoAbility, type MongoAbility, subject } from '@casl/ability';
import { ACTIONS, ADMIN_ACTIONS, type EngineFactory, type ObjectSpec } from './model.ts';

/** A workspace as CASL sees it: plain fields, tagged with its subject type. */
interface CaslWorkspace {
  readonly id: string;
  readonly owner_id: string;
  readonly org_id: string;
  readonly acl_users: Readonly<Record<string, readonly string[]>>;
  readonly acl_groups: Readonly<Record<string, readonly string[]>>;
  readonly acl_everyone: readonly string[];
}

/** The object CASL checks, built once per workspace. */
export function caslObject(spec: ObjectSpec): CaslWorkspace {
  return subject('workspace', {
    id: spec.id,
    owner_id: spec.owner,
    org_id: spec.org,
    acl_users: spec.aclUsers,
    acl_groups: spec.aclGroups,
    acl_everyone: spec.aclGroups[spec.org] ?? [],
  });
}

/** CASL with rules equivalent to ours: owner, own workspace in a member org, org admin, ACLs. */
export const casl: EngineFactory = async (s, objectSpecs) => {
  const { can, build } = new AbilityBuilder<MongoAbility>(createMongoAbility);
  const inMemberOrg = { org_id: { $in: [...s.memberOrgs] } };
  if (s.owner) can([...ACTIONS], 'workspace');
  if (s.memberOrgs.length > 0) can([...ACTIONS], 'workspace', { ...inMemberOrg, owner_id: s.id });
  if (s.adminOrgs.length > 0) {
    can([...ADMIN_ACTIONS], 'workspace', { org_id: { $in: [...s.adminOrgs] } });
  }
  if (s.memberOrgs.length > 0) {
    for (const action of ACTIONS) {
      const grants = { $in: [action, '*'] };
      can(action, 'workspace', { ...inMemberOrg, [`acl_users.${s.id}`]: grants });
      for (const group of s.groups) {
        can(action, 'workspace', { ...inMemberOrg, [`acl_groups.${group}`]: grants });
      }
      can(action, 'workspace', { ...inMemberOrg, acl_everyone: grants });
    }
  }
  const ability = build();
  const objects = objectSpecs.map(caslObject);
  return { name: 'CASL', check: (action, i) => ability.can(action, objects[i]!) };
};
