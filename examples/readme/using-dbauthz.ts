// The "Using it in an app" sample of the top-level README, verbatim between the markers below;
// tsc compiles it and examples/readme/using-dbauthz.test.ts runs it against PostgreSQL.
// readme:start
import {
  type AuthorizedStore,
  buildSubject,
  createAuthorizedStore,
  createDatabase,
  createRawStore,
  hasErrorCode,
} from 'dbauthz';
import type { Sql } from 'postgres';

/** One authorized store per process; actors are bound per call. */
export function createStore(client: Sql): AuthorizedStore {
  return createAuthorizedStore(createRawStore(createDatabase(client)));
}

/** A request handler: build the caller's subject, bind it, and map denials to 404. */
export async function getWorkspace(store: AuthorizedStore, userId: string, workspaceId: string) {
  const subject = await buildSubject(store, userId); // roles, orgs, groups, custom roles
  try {
    return { status: 200, body: await store.as(subject).getWorkspaceById({ id: workspaceId }) };
  } catch (error) {
    if (hasErrorCode(error, 'forbidden')) return { status: 404 }; // denied or missing: one answer
    if (hasErrorCode(error, 'invalid_input')) return { status: 400 };
    throw error;
  }
}

/** A background job runs as a named least-privilege system actor, never as a bypass. */
export async function purgeOldBoundaryLogs(store: AuthorizedStore, before: Date) {
  return store.asDBPurge().deleteBoundaryLogsOlderThan({ before });
}
// readme:end
