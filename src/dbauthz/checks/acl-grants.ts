import { InvalidInputError } from '../../../db/errors.ts';
import { type Action, catalogue, hasAction, type ResourceType } from '../../rbac/catalogue.ts';

/** The user and group ACL maps of an ACL update (`{ "<id>": ["read", ...] }`). */
export interface AclInput {
  readonly userAcl: Readonly<Record<string, readonly string[]>>;
  readonly groupAcl: Readonly<Record<string, readonly string[]>>;
}

/**
 * The distinct actions an ACL update grants on `type`, users' first then groups', in order of
 * appearance: the actions a writer must itself hold. Each must be an action of `type`; the
 * wildcard `*` stands for all of them when `wildcard` is true and is `invalid_input` otherwise,
 * as is an unknown name (the field names the entry).
 */
export function aclGrantedActions(
  type: ResourceType,
  input: AclInput,
  wildcard: boolean,
): Action[] {
  const granted = new Set<Action>();
  for (const field of ['userAcl', 'groupAcl'] as const) {
    for (const [key, actions] of Object.entries(input[field])) {
      for (const action of actions) {
        if (wildcard && action === '*') {
          for (const each of catalogue[type]) granted.add(each);
        } else if (hasAction(type, action)) {
          granted.add(action as Action);
        } else {
          throw new InvalidInputError(`${field}.${key}`, `not a ${type} action: ${action}`);
        }
      }
    }
  }
  return [...granted];
}
