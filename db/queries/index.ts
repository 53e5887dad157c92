import type { Database } from '../database.ts';
import { runTransaction, type TxOptions } from '../run-transaction.ts';
import { apiKeyAuthorizationQueries } from './api-key-authorization.ts';
import { apiKeysQueries } from './api-keys.ts';
import { auditLogsQueries } from './audit-logs.ts';
import { authorizationUserRolesQueries } from './authorization-user-roles.ts';
import { boundaryQueries } from './boundary.ts';
import { boundaryUsageQueries } from './boundary-usage.ts';
import { connectionLogsQueries } from './connection-logs.ts';
import { customRolesQueries } from './custom-roles.ts';
import { filesQueries } from './files.ts';
import { groupsQueries } from './groups.ts';
import { organizationMembersQueries } from './organization-members.ts';
import { organizationsQueries } from './organizations.ts';
import { provisionersQueries } from './provisioners.ts';
import { readsOnReplica } from './replica-reads.ts';
import { routedRead } from './replica-scope.ts';
import { templateVersionsQueries } from './template-versions.ts';
import { templatesQueries } from './templates.ts';
import { userRolesQueries } from './user-roles.ts';
import { userSecretsQueries } from './user-secrets.ts';
import { usersQueries } from './users.ts';
import { withDefaultTimeout } from './with-default-timeout.ts';
import { workspaceAgentsQueries } from './workspace-agents.ts';
import { workspaceBuildsQueries } from './workspace-builds.ts';
import { workspacesQueries } from './workspaces.ts';

/** Options of `createRawStore`. */
export interface RawStoreOptions {
  /** Largest file `insertFile` accepts, in bytes; default `BOUNDS.DEFAULT_MAX_FILE_BYTES` (10 MiB). */
  readonly maxFileBytes?: number;
  /** Default `timeoutMs` of every call and `inTx` (a call's own bound wins); unset: unbounded. */
  readonly timeoutMs?: number;
  /**
   * A database over a streaming replica: reads (`get*`, `list*`, `count*`) go there, except those
   * in `PRIMARY_READS`; writes and `inTx` always go to the primary (`db`). Reads may lag the
   * primary by the replica's lag; `onPrimary()` gives a store that reads its own writes.
   */
  readonly replica?: Database | undefined;
}

function allQueries(db: Database, options: RawStoreOptions) {
  return {
    ...usersQueries(db),
    ...userRolesQueries(db),
    ...authorizationUserRolesQueries(db),
    ...organizationsQueries(db),
    ...organizationMembersQueries(db),
    ...groupsQueries(db),
    ...customRolesQueries(db),
    ...apiKeysQueries(db),
    ...apiKeyAuthorizationQueries(db),
    ...filesQueries(db, options.maxFileBytes),
    ...templatesQueries(db),
    ...templateVersionsQueries(db),
    ...provisionersQueries(db),
    ...workspacesQueries(db),
    ...workspaceBuildsQueries(db),
    ...workspaceAgentsQueries(db),
    ...boundaryQueries(db),
    ...boundaryUsageQueries(db),
    ...connectionLogsQueries(db),
    ...auditLogsQueries(db),
    ...userSecretsQueries(db),
  };
}

/** Every raw (unauthorized) query method, each taking one input object. */
export type RawQueries = ReturnType<typeof allQueries>;

/** The raw store: every query plus `inTx`. No authorization happens here. */
export type RawStore = RawQueries & {
  /**
   * Runs `fn` with a store over one transaction: committed when `fn` resolves, rolled back when
   * it throws. Called on a store that is already inside a transaction, it opens a SAVEPOINT, so a
   * failing inner `fn` rolls back only its own writes (if the outer `fn` catches the error).
   */
  inTx<T>(fn: (tx: RawStore) => Promise<T>, options?: TxOptions): Promise<T>;
  /** This store with every call on the primary (read-your-writes); itself when it has no replica. */
  onPrimary(): RawStore;
};

/**
 * Builds the raw store over a database (or transaction); prepared statements are made once per
 * store. With `options.replica`, reads that may lag go to the replica (see `RawStoreOptions`).
 */
export function createRawStore(db: Database, options: RawStoreOptions = {}): RawStore {
  const { timeoutMs, replica, ...rest } = options;
  const bounded = <Q extends object>(queries: Q) =>
    timeoutMs === undefined ? queries : withDefaultTimeout(queries, timeoutMs);
  const queries = bounded(allQueries(db, rest));
  const store = {
    ...queries,
    // Isolation, read-only, deadline, cancellation, and retries of 40001/40P01 (default 3).
    inTx: (fn, txOptions = {}) =>
      runTransaction(db, { timeoutMs, ...txOptions }, (tx) =>
        fn(createRawStore(tx, { ...rest, ...(timeoutMs === undefined ? {} : { timeoutMs }) })),
      ),
  } as RawStore;
  if (replica === undefined) return withOnPrimary(store, undefined);
  const onReplica = bounded(allQueries(replica, rest)) as Record<string, Method>;
  const routed = { ...store } as Record<string, unknown>;
  for (const [name, method] of Object.entries(queries) as [string, Method][]) {
    if (readsOnReplica(name)) routed[name] = routedRead(method, onReplica[name]!);
  }
  return withOnPrimary(routed as RawStore, withOnPrimary(store, undefined));
}

type Method = (input: unknown, options?: object) => Promise<unknown>;

/**
 * Adds `onPrimary` (not enumerable: it is no query): `primary`, or with no replica the store it
 * is called on, so a store wrapped by the application (a Proxy, say) stays wrapped. (The
 * authorized store does not call it: it routes with `runOnPrimary`, through whatever wraps the
 * raw store.)
 */
function withOnPrimary(store: RawStore, primary: RawStore | undefined): RawStore {
  const onPrimary =
    primary === undefined
      ? function (this: RawStore) {
          return this;
        }
      : () => primary;
  Object.defineProperty(store, 'onPrimary', { value: onPrimary, enumerable: false });
  return store;
}

export { DEFAULT_TX_RETRIES, type TxOptions } from '../run-transaction.ts';
export type { BoundaryUsageSummary } from './boundary-usage.ts';
export { BOUNDS, type BoundName } from './bounds.ts';
export { inputSchemaOf, type ListOptions, type RawQuery, rawQueryOf } from './define.ts';
export type { GroupMemberWithUser } from './groups.ts';
export { GUARDED_WRITE_TABLES, type GuardedWriteMethod } from './guarded-write-tables.ts';
export { LIST_FILTER_TABLES, type ListMethod } from './list-filter-tables.ts';
export type { OrganizationMemberWithUser } from './organization-members.ts';
export { PRIMARY_READS, readsOnReplica } from './replica-reads.ts';
export { onPrimaryNow, runOnPrimary } from './replica-scope.ts';
export type { UserRoles } from './user-roles.ts';
export type { BuildProvisionerState } from './workspace-builds.ts';
export { WORKSPACE_STATUSES, type WorkspaceStatus } from './workspace-status.ts';
