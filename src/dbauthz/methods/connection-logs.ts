import type { RawStore } from '../../../db/queries/index.ts';
import { connectionLogColumns } from '../resources/connection-logs.ts';
import { authorizeArgs } from '../wrappers/authorize-args.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';

const readable = ['read', 'connection_log', connectionLogColumns] as const;

/** Authorization of connection logs (domain.md: connection logs). */
export const connectionLogsMethods = {
  /**
   * Site-wide `connection_log` update (no org, as Coder): the connection logger and a site owner;
   * an org admin cannot forge entries for their org.
   */
  upsertConnectionLog: authorizeArgs('update', () => ({ type: 'connection_log' })),
  /** SQL filter: a site reader sees every row, an org auditor or org admin their org's. */
  listConnectionLogs: filteredList(...readable),
  countConnectionLogs: filteredCount(...readable),
  /**
   * The catalogue has no `connection_log` delete, so the purge is Coder's `system` delete: among
   * system actors only `asDBPurge` holds it, but a site owner (`system` *) holds it too.
   */
  deleteConnectionLogsOlderThan: authorizeArgs('delete', () => ({ type: 'system' })),
} satisfies Declarations<RawStore>;
