// The engine-neutral description of a peers scenario: who asks, about which workspace, for what.
// Each engine (ours, CASL, casbin) builds its own rule set and objects from these, once.

/** The workspace actions the peer rule sets encode (the rest of the catalogue is not modelled). */
export const ACTIONS = ['read', 'update', 'delete', 'ssh', 'start', 'share'] as const;

/** One of the modelled workspace actions. */
export type PeerAction = (typeof ACTIONS)[number];

/** What an org admin may do to another member's workspace (Coder withholds ssh). */
export const ADMIN_ACTIONS: readonly PeerAction[] = ['read', 'update', 'delete', 'start', 'share'];

/** An ACL map: user or group id to the actions granted (`*` for all). */
export type Acl = Readonly<Record<string, readonly string[]>>;

/** A subject: site owner or not, member (with workspace access) of some orgs, admin of some. */
export interface SubjectSpec {
  readonly id: string;
  readonly owner: boolean;
  readonly memberOrgs: readonly string[];
  readonly adminOrgs: readonly string[];
  readonly groups: readonly string[];
}

/** A workspace row: owner, org, user ACL and group ACL (the org id as key is the Everyone group). */
export interface ObjectSpec {
  readonly id: string;
  readonly owner: string;
  readonly org: string;
  readonly aclUsers: Acl;
  readonly aclGroups: Acl;
}

/** A compiled engine: decides `action` on one of the objects it was built with (by index). */
export interface Engine {
  readonly name: string;
  check(action: PeerAction, objectIndex: number): boolean;
}

/** Builds an engine for one subject over a fixed list of objects (all setup outside timing). */
export type EngineFactory = (
  subject: SubjectSpec,
  objects: readonly ObjectSpec[],
) => Promise<Engine>;
