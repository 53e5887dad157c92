import { and, asc, eq, exists, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { provisionerDaemons, provisionerJobs, provisionerJobType } from '../schema/index.ts';
import type { ProvisionerDaemon, ProvisionerJob } from '../types.ts';
import { BOUNDS, jsonObject, text } from './bounds.ts';
import { allOf, defineList, defineQuery, firstOrThrow, id, paging } from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';

const provisionerName = text('NAME_MAX').min(1);
const tags = z
  .record(text('NAME_MAX').min(1), text('LINE_MAX'))
  .refine((t) => Object.keys(t).length <= BOUNDS.TAGS_MAX, `at most ${BOUNDS.TAGS_MAX} tags`);

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
     * Registers a daemon, or refreshes the one of that name in the org (and its last-seen time).
     * Guarded: `options.where` (on `provisioner_daemons`) must hold for an EXISTING row, inside
     * the statement (`ON CONFLICT ... DO UPDATE ... WHERE`); a row it excludes is left alone and
     * reported as `NotFoundError`. A new daemon is inserted whatever the guard.
     */
    upsertProvisionerDaemon: defineGuardedWrite(
      z.object({
        organizationId: id(),
        name: text('NAME_MAX').min(1),
        provisioners: z.array(provisionerName).min(1).max(BOUNDS.PROVISIONERS_MAX).optional(),
        tags: tags.optional(),
        version: text('SHORT_TEXT_MAX').optional(),
      }),
      async (input, guard): Promise<ProvisionerDaemon> =>
        firstOrThrow(
          await db
            .insert(provisionerDaemons)
            .values({ ...input, lastSeenAt: sql`now()` })
            .onConflictDoUpdate({
              target: [provisionerDaemons.organizationId, provisionerDaemons.name],
              set: {
                provisioners: sql`excluded.provisioners`,
                tags: sql`excluded.tags`,
                version: sql`excluded.version`,
                lastSeenAt: sql`now()`,
              },
              ...(guard === undefined ? {} : { setWhere: guard }),
            })
            .returning(),
          'provisioner daemon',
        ),
    ),

    /** The daemon of this name in the organization (the key `upsertProvisionerDaemon` conflicts on). */
    getProvisionerDaemonByOrganizationAndName: defineQuery(
      z.object({ organizationId: id(), name: text('NAME_MAX').min(1) }),
      async (input): Promise<ProvisionerDaemon> =>
        firstOrThrow(
          await db
            .select()
            .from(provisionerDaemons)
            .where(
              and(
                eq(provisionerDaemons.organizationId, input.organizationId),
                eq(provisionerDaemons.name, input.name),
              ),
            ),
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

/** The provisioner query methods of the raw store. */
export type ProvisionersQueries = ReturnType<typeof provisionersQueries>;
