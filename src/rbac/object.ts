import { isResourceType, type ResourceType } from './catalogue.ts';
import { InvalidPolicyError } from './errors.ts';
import type { AclMap, RbacObject } from './types.ts';

type Fields = { -readonly [K in keyof RbacObject]: RbacObject[K] };

function freezeAcl(map: AclMap, what: string): AclMap {
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new InvalidPolicyError(`${what} must be an object of id -> actions`);
  }
  const entries = Object.entries(map).map(([key, actions]) => {
    if (!Array.isArray(actions) || actions.some((a) => typeof a !== 'string')) {
      throw new InvalidPolicyError(`${what}[${key}] must be an array of actions`);
    }
    return [key, Object.freeze([...actions])] as const;
  });
  return Object.freeze(Object.fromEntries(entries));
}

function nonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new InvalidPolicyError(`${what} must be a non-empty string`);
  }
  return value;
}

/**
 * An immutable RBAC object with fluent setters: every `with...`/`inOrg`/`anyOrg` returns a new
 * frozen value, and the value itself is the plain `RbacObject` that `authorize` reads.
 */
export class ObjectBuilder implements RbacObject {
  declare readonly type: ResourceType;
  declare readonly id?: string;
  declare readonly owner?: string;
  declare readonly org?: string;
  declare readonly anyOrg?: boolean;
  declare readonly aclUsers?: AclMap;
  declare readonly aclGroups?: AclMap;

  /** Use `object(type)`. */
  constructor(fields: RbacObject) {
    Object.assign(this, fields);
    Object.freeze(this);
  }

  private with(patch: Partial<Fields>, drop?: keyof Fields): ObjectBuilder {
    const fields: Partial<Fields> = { ...this, ...patch };
    if (drop) delete fields[drop];
    return new ObjectBuilder(fields as RbacObject);
  }

  /** The object's id (matched against scope allow lists). */
  withId(id: string): ObjectBuilder {
    return this.with({ id: nonEmpty(id, 'id') });
  }

  /** The owning user's id. */
  withOwner(userId: string): ObjectBuilder {
    return this.with({ owner: nonEmpty(userId, 'owner') });
  }

  /** The owning org (clears `anyOrg`). */
  inOrg(orgId: string): ObjectBuilder {
    return this.with({ org: nonEmpty(orgId, 'org') }, 'anyOrg');
  }

  /**
   * Sets `anyOrg`: asks whether the subject may act in some org it belongs to (clears `org`).
   * Named `inAnyOrg` because `anyOrg` is the data field itself.
   */
  inAnyOrg(): ObjectBuilder {
    return this.with({ anyOrg: true }, 'org');
  }

  /** User ACL: user id -> actions (or `*`). */
  withAclUsers(acl: AclMap): ObjectBuilder {
    return this.with({ aclUsers: freezeAcl(acl, 'aclUsers') });
  }

  /** Group ACL: group id (the org id for Everyone) -> actions (or `*`). */
  withAclGroups(acl: AclMap): ObjectBuilder {
    return this.with({ aclGroups: freezeAcl(acl, 'aclGroups') });
  }
}

/**
 * Starts an object of a catalogue type; throws `InvalidPolicyError` for an unknown type.
 * @example object('workspace').withId(wsId).withOwner(userId).inOrg(orgId)
 */
export function object(type: ResourceType): ObjectBuilder {
  if (!isResourceType(type)) throw new InvalidPolicyError(`unknown resource type "${type}"`);
  return new ObjectBuilder({ type });
}
