// dbauthz: authorize every database query before it reaches PostgreSQL. The public API of the
// package root; the pure policy engine is also available alone as `dbauthz/rbac`.

// The database: schema-aware drizzle database, raw (unauthorized) store, migrations, row types.
export type { CallBounds } from '../db/bounded-call.ts';
export { createDatabase, type Database } from '../db/database.ts';
export {
  CancelledError,
  DbError,
  type DbErrorCode,
  ForeignKeyViolationError,
  InvalidInputError,
  NotFoundError,
  OuterStoreInTransactionError,
  SerializationFailureError,
  TimeoutError,
  UnavailableError,
  UniqueViolationError,
} from '../db/errors.ts';
export { MIGRATIONS_FOLDER, type MigrationResult, migrate } from '../db/migrate.ts';
export {
  createRawStore,
  LIST_FILTER_TABLES,
  type ListOptions,
  type RawStore,
  type UserRoles,
  WORKSPACE_STATUSES,
  type WorkspaceStatus,
} from '../db/queries/index.ts';
export { DEFAULT_TX_RETRIES, type TxOptions } from '../db/run-transaction.ts';
export { runOutsideTransaction } from '../db/transaction-scope.ts';
export type * from '../db/types.ts';
// The authorized store: actor binding, system actors, decisions hook.
export { runAs, scopedActor } from './dbauthz/actor-scope.ts';
export {
  type AuthorizedStore,
  type AuthorizedStoreOptions,
  createAuthorizedStore,
} from './dbauthz/authorized-store.ts';
export {
  type BoundaryUsage,
  type BoundaryUsageTracker,
  type BoundaryUsageTrackerOptions,
  createBoundaryUsageTracker,
} from './dbauthz/boundary-usage-tracker.ts';
export type { CallOptions } from './dbauthz/call-options.ts';
export type { Decision, DecisionHook } from './dbauthz/decision-hook.ts';
export { NoActorError } from './dbauthz/errors.ts';
export {
  type BuildSubjectOptions,
  buildSubject,
  parseAllowListEntry,
  subjectFromApiKey,
} from './dbauthz/subject/index.ts';
export {
  PREBUILDS_USER_ID,
  SYSTEM_ACTOR_ID,
  type SystemActorName,
  systemActorGrants,
  systemActorPermissionTable,
  systemActors,
} from './dbauthz/system-actors/index.ts';
// The policy engine: catalogue, roles, scopes, authorize/prepare/explain, ForbiddenError, hasErrorCode.
export * from './rbac/index.ts';
