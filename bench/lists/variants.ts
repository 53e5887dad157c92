// The list variants compared at each size: (a) the authorized store's SQL filter, (b) the same
// query with a hand-written WHERE, (c) fetch every row then filter with `authorize`, (d) RLS.
import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { workspaces } from '../../db/schema/index.ts';
import type { Workspace } from '../../db/types.ts';
import { workspaceObject } from '../../src/dbauthz/resources/workspaces.ts';
import type { AuthorizedStore } from '../../src/index.ts';
import { authorize } from '../../src/rbac/index.ts';
import { listSubject } from './seed.ts';

const LIMIT = 50;

/** A list variant: the first page (ids) and the total it sees. */
export interface ListVariant {
  readonly key: 'authorized' | 'handWritten' | 'postFilter' | 'rls';
  readonly label: string;
  list(): Promise<readonly Workspace[]>;
  count(): Promise<number>;
  /** Rows PostgreSQL sends for one `list()` call (measured on the verification call). */
  rowsTransferred?: number;
}

/** The hand-written WHERE a developer who knows the rules would write for this subject. */
export function handWrittenWhere(): SQL {
  const { id, orgs, groups } = listSubject;
  const grants = sql`array['read', '*']`;
  return sql`${workspaces.organizationId} = any(${sql.param([...orgs])}::uuid[]) and (
    ${workspaces.ownerId} = ${id}
    or (${workspaces.userAcl} -> ${id}::text) ?| ${grants}
    or (${workspaces.groupAcl} -> ${workspaces.organizationId}::text) ?| ${grants}
    or (${workspaces.groupAcl} -> ${groups[0]!}::text) ?| ${grants})`;
}

const ordered = (db: Database, where: SQL | undefined) =>
  db
    .select()
    .from(workspaces)
    .where(and(eq(workspaces.deleted, false), where))
    .orderBy(asc(workspaces.name), asc(workspaces.id));

const page = (db: Database, where: SQL | undefined) => ordered(db, where).limit(LIMIT);

const total = async (db: Database, where: SQL | undefined) =>
  (
    await db
      .select({ n: count() })
      .from(workspaces)
      .where(and(eq(workspaces.deleted, false), where))
  )[0]!.n;

/** The four variants over the main database, the authorized store and the RLS database. */
export function listVariants(db: Database, store: AuthorizedStore, rlsDb: Database): ListVariant[] {
  const bound = store.as(listSubject.subject);
  const visibleRows = async () => {
    const all = await ordered(db, undefined);
    return {
      fetched: all.length,
      visible: all.filter((row) => authorize(listSubject.subject, 'read', workspaceObject(row))),
    };
  };
  const postFilter: ListVariant = {
    key: 'postFilter',
    label: '(c) fetch all, filter with authorize',
    list: async () => {
      const { fetched, visible } = await visibleRows();
      postFilter.rowsTransferred = fetched;
      return visible.slice(0, LIMIT);
    },
    count: async () => (await visibleRows()).visible.length,
  };
  return [
    {
      key: 'authorized',
      label: '(a) authorized listWorkspaces (SQL filter)',
      list: () => bound.listWorkspaces({ limit: LIMIT }),
      count: () => bound.countWorkspaces({}),
    },
    {
      key: 'handWritten',
      label: '(b) hand-written WHERE',
      list: () => page(db, handWrittenWhere()),
      count: () => total(db, handWrittenWhere()),
    },
    postFilter,
    {
      key: 'rls',
      label: '(d) row-level security',
      list: () => page(rlsDb, undefined),
      count: () => total(rlsDb, undefined),
    },
  ];
}
