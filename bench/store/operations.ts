// Each measured operation in three variants on one connection: the authorized store, the raw
// store, and the drizzle query a developer would write by hand (no validation, no check).
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import type { RawStore } from '../../db/queries/index.ts';
import { users, workspaces } from '../../db/schema/index.ts';
import type { AuthorizedStore } from '../../src/index.ts';
import type { Variant } from '../lib/interleave.ts';
import type { StoreFixture } from './fixture.ts';

/** One operation: a label, a note on what the authorized path does, and its three variants. */
export interface Operation {
  readonly name: string;
  readonly authorizedDoes: string;
  /** Whether the 15% goal over the raw store applies. */
  readonly goal: boolean;
  readonly variants: readonly Variant<() => Promise<unknown>>[];
}

/** The point read, the inserts and the update, in authorized / raw / drizzle variants. */
export function storeOperations(
  db: Database,
  raw: RawStore,
  authorized: AuthorizedStore,
  f: StoreFixture,
): Operation[] {
  const asMember = authorized.as(f.member);
  const asOwner = authorized.as(f.owner);
  let n = 0;
  const next = () => `w-${++n}`;
  const ws = (name: string) => ({
    ownerId: f.member.id,
    organizationId: f.orgId,
    templateId: f.templateId,
    name,
  });
  const person = () => {
    const name = `u${++n}`;
    return { email: `${name}@example.com`, username: name };
  };
  return [
    {
      name: 'point read: getWorkspaceById (member, own workspace)',
      authorizedDoes: 'the raw read, then one authorize on the row',
      goal: true,
      variants: [
        { name: 'authorized', fn: () => asMember.getWorkspaceById({ id: f.workspaceId }) },
        { name: 'raw', fn: () => raw.getWorkspaceById({ id: f.workspaceId }) },
        {
          name: 'drizzle',
          fn: () => db.select().from(workspaces).where(eq(workspaces.id, f.workspaceId)),
        },
      ],
    },
    {
      name: 'insert: insertUser (owner)',
      authorizedDoes: 'one authorize on the arguments, then the raw insert',
      goal: true,
      variants: [
        { name: 'authorized', fn: () => asOwner.insertUser(person()) },
        { name: 'raw', fn: () => raw.insertUser(person()) },
        { name: 'drizzle', fn: () => db.insert(users).values(person()).returning() },
      ],
    },
    {
      name: 'insert: insertWorkspace (member)',
      authorizedDoes:
        '`create` on the arguments, then one INSERT whose template subquery carries the `use` filter',
      goal: true,
      variants: [
        { name: 'authorized', fn: () => asMember.insertWorkspace(ws(next())) },
        { name: 'raw', fn: () => raw.insertWorkspace(ws(next())) },
        { name: 'drizzle', fn: () => db.insert(workspaces).values(ws(next())).returning() },
      ],
    },
    {
      name: 'update: updateWorkspace (member, own workspace)',
      authorizedDoes:
        'one UPDATE carrying the `update` filter (live, dormant; the prebuilt arm only when it adds rows)',
      goal: true,
      variants: [
        {
          name: 'authorized',
          fn: () => asMember.updateWorkspace({ id: f.workspaceId, autostartSchedule: next() }),
        },
        {
          name: 'raw',
          fn: () => raw.updateWorkspace({ id: f.workspaceId, autostartSchedule: next() }),
        },
        {
          name: 'drizzle',
          fn: () =>
            db
              .update(workspaces)
              .set({ autostartSchedule: next() })
              .where(eq(workspaces.id, f.workspaceId))
              .returning(),
        },
      ],
    },
  ];
}
