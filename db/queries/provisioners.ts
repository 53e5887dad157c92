import { and, asc, eq, exists, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { provisionerDaemons, provisionerJobs, provisionerJobType } from '../schema/index.ts';
import type { ProvisionerDaemon, ProvisionerJob } from '../types.ts';
import { BOUNDS, date, jsonObject, text } from './bounds.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';

const provisionerName = text('NAME_MAX').min(1);
const tags = z
  .record(text('NAME_MAX').min(1), text('LINE_MAX'))
  .refine((t) => Object.keys(t).length <= BOUNDS.TAGS_MAX, `at most ${BOUNDS.TAGS_MAX} tags`);

/** A daemon's owner key, as its unique index spells it: the `owner` tag lowercased, '' without one. */
const OWNER_KEY = sql`lower(coalesce(${sql.identifier(provisionerDaemons.tags.name)} ->> 'owner', ''))`;

/** A `provisioner_daemons` row as the driver returns it (snake_case), mapped as drizzle maps it. */
function daemonFromRow(row: Record<string, unknown>): ProvisionerDaemon {
  const entries = Object.entries(getTableColumns(provisionerDaemons)).map(([key, column]) => {
    const value = row[column.name];
    return [key, value === null || value === undefined ? null : column.mapFromDriverValue(value)];
  });
  return Object.fromEntries(entries) as ProvisionerDaemon;
}

/** The rows of a `db.execute` result: an array (postgres-js) or `{ rows }` (node-postgres). */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
}

/** Queries over `provisioner_jobs` and `provisioner_daemons` (the daemon list filters daemons). */
export function provisionersQueries(db: Database) {
  return {
    /** Inserts a pending job. */
    insertProvisionerJob: defineQuery(
      z.object({
        organizationId: id(),
        initiatorId: id(),
        type: z.enum(provisionerJobType.enumValues),
        provisioner: provisionerName.optional(),
        fileId: id().optional(),
        input: jsonObject().optional(),
        tags: tags.optional(),
      }),
      async (input): Promise<ProvisionerJob> =>
        firstOrThrow(await db.insert(provisionerJobs).values(input).returning(), 'provisioner job'),
    ),

    /** The job with this id. */
    getProvisionerJobById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<ProvisionerJob> =>
        firstOrThrow(
          await db.select().from(provisionerJobs).where(eq(provisionerJobs.id, input.id)),
          'provisioner job',
        ),
    ),

    /**
     * Hands the oldest pending job of the org for one of `provisioners` to `workerId` and marks it
     * running; `null` when none waits, or when `workerId` is not a daemon of that org. Concurrent daemons never get the same job (SKIP LOCKED).
     */
    acquireProvisionerJob: defineQuery(
      z.object({
        organizationId: id(),
        workerId: id(),
        provisioners: z.array(provisionerName).min(1).max(BOUNDS.PROVISIONERS_MAX),
      }),
      async (input): Promise<ProvisionerJob | null> => {
        const next = db
          .select({ id: provisionerJobs.id })
          .from(provisionerJobs)
          .where(
            and(
              eq(provisionerJobs.organizationId, input.organizationId),
              eq(provisionerJobs.status, 'pending'),
              inArray(provisionerJobs.provisioner, input.provisioners),
            ),
          )
          .orderBy(asc(provisionerJobs.createdAt), asc(provisionerJobs.id))
          .limit(1)
          .for('update', { skipLocked: true });
        const rows = await db
          .update(provisionerJobs)
          .set({
            status: 'running',
            workerId: input.workerId,
            startedAt: sql`now()`,
            updatedAt: sql`now()`,
          })
          .where(
            and(
              sql`${provisionerJobs.id} = (${next})`,
              // The worker must be a daemon of the job's org: any other id acquires nothing.
              exists(
                db
                  .select({ one: sql`1` })
                  .from(provisionerDaemons)
                  .where(
                    and(
                      eq(provisionerDaemons.id, input.workerId),
                      eq(provisionerDaemons.organizationId, input.organizationId),
                    ),
                  ),
              ),
            ),
          )
          .returning();
        return rows[0] ?? null;
      },
    ),

    /** Completes a running job: succeeded without `error`, failed with it. */
    completeProvisionerJob: defineGuardedWrite(
      z.object({ id: id(), error: text('LONG_TEXT_MAX').min(1).optional() }),
      async (input, guard): Promise<ProvisionerJob> =>
        firstOrThrow(
          await db
            .update(provisionerJobs)
            .set({
              status: input.error === undefined ? 'succeeded' : 'failed',
              error: input.error ?? null,
              completedAt: sql`now()`,
              updatedAt: sql`now()`,
            })
            .where(
              allOf(eq(provisionerJobs.id, input.id), eq(provisionerJobs.status, 'running'), guard),
            )
            .returning(),
          'running provisioner job',
        ),
    ),

    /**
     * Registers a daemon, or refreshes the one of that org, name and owner key (and its last-seen
     * time): the key of `provisioner_daemons_org_name_owner_key`, as Coder's upsert conflicts on.
     * Guarded: `options.where` (on `provisioner_daemons`) must hold for an EXISTING row, inside
     * the statement (`ON CONFLICT ... DO UPDATE ... WHERE`); a row it excludes is left alone and
     * reported as `NotFoundError`. A new daemon is inserted whatever the guard.
     */
    upsertProvisionerDaemon: defineGuardedWrite(
      z.object({
        organizationId: id(),
        name: provisionerName,
        provisioners: z.array(provisionerName).min(1).max(BOUNDS.PROVISIONERS_MAX).optional(),
        tags: tags.optional(),
        version: text('SHORT_TEXT_MAX').optional(),
      }),
      async (input, guard): Promise<ProvisionerDaemon> => {
        const d = provisionerDaemons;
        const orDefault = <T>(value: T | undefined, bind: (v: T) => SQL) =>
          value === undefined ? sql`default` : bind(value);
        // drizzle names a conflict target by columns only, and this key is an expression index.
        const result: unknown = await db.execute(sql`
          insert into ${d} (${sql.identifier(d.organizationId.name)}, ${sql.identifier(d.name.name)},
            ${sql.identifier(d.provisioners.name)}, ${sql.identifier(d.tags.name)},
            ${sql.identifier(d.version.name)}, ${sql.identifier(d.lastSeenAt.name)})
          values (${input.organizationId}, ${input.name},
            ${orDefault(
              input.provisioners,
              (p) =>
                sql`array[${sql.join(
                  p.map((x) => sql`${x}::text`),
                  sql`, `,
                )}]`,
            )},
            ${orDefault(input.tags, (t) => sql`${JSON.stringify(t)}::jsonb`)},
            ${orDefault(input.version, (v) => sql`${v}`)}, now())
          on conflict (${sql.identifier(d.organizationId.name)}, ${sql.identifier(d.name.name)}, ${OWNER_KEY})
          do update set ${sql.identifier(d.provisioners.name)} = excluded.${sql.identifier(d.provisioners.name)},
            ${sql.identifier(d.tags.name)} = excluded.${sql.identifier(d.tags.name)},
            ${sql.identifier(d.version.name)} = excluded.${sql.identifier(d.version.name)},
            ${sql.identifier(d.lastSeenAt.name)} = now()
          ${guard === undefined ? sql`` : sql`where ${guard}`}
          returning *`);
        return daemonFromRow(firstOrThrow(rowsOf(result), 'provisioner daemon'));
      },
    ),

    /**
     * The daemon of this name and owner key in the organization (the key `upsertProvisionerDaemon`
     * conflicts on): `owner` is matched case-insensitively; without it, the daemon with no owner.
     */
    getProvisionerDaemonByOrganizationAndName: defineQuery(
      z.object({
        organizationId: id(),
        name: provisionerName,
        owner: text('LINE_MAX').optional(),
      }),
      async (input): Promise<ProvisionerDaemon> =>
        firstOrThrow(
          await db
            .select()
            .from(provisionerDaemons)
            .where(
              and(
                eq(provisionerDaemons.organizationId, input.organizationId),
                eq(provisionerDaemons.name, input.name),
                sql`${OWNER_KEY} = lower(${input.owner ?? ''})`,
              ),
            ),
          'provisioner daemon',
        ),
    ),

    /**
     * The daemon's heartbeat: sets `last_seen_at`, never backwards (an earlier time leaves it as
     * it is, as Coder's `last_seen_at <= @last_seen_at`); guarded, on `provisioner_daemons`.
     */
    updateProvisionerDaemonLastSeenAt: defineGuardedWrite(
      z.object({ id: id(), lastSeenAt: date() }),
      async (input, guard): Promise<ProvisionerDaemon> =>
        firstOrThrow(
          await db
            .update(provisionerDaemons)
            .set({
              lastSeenAt: sql`greatest(${provisionerDaemons.lastSeenAt}, ${input.lastSeenAt.toISOString()}::timestamptz)`,
            })
            .where(allOf(eq(provisionerDaemons.id, input.id), guard))
            .returning(),
          'provisioner daemon',
        ),
    ),

    /** Daemons by name, optionally of one organization. */
    listProvisionerDaemons: defineList(
      z.object({ organizationId: id().optional(), ...paging }),
      async (input, where: SQL | undefined): Promise<ProvisionerDaemon[]> =>
        db
          .select()
          .from(provisionerDaemons)
          .where(
            allOf(
              input.organizationId === undefined
                ? undefined
                : eq(provisionerDaemons.organizationId, input.organizationId),
              where,
            ),
          )
          .orderBy(asc(provisionerDaemons.name), asc(provisionerDaemons.id))
          .limit(input.limit)
          .offset(input.offset),
    ),
  };
}
