import { and, asc, eq, exists, gte, ilike, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { provisionerJobs, templates, templateVersions, workspaceBuilds } from '../schema/index.ts';
import type { Template } from '../types.ts';
import { BOUNDS, date, durationMs, text } from './bounds.ts';
import {
  aclSchema,
  allOf,
  defineList,
  defineQuery,
  firstOrThrow,
  id,
  type Patch,
  paging,
} from './define.ts';
import { defineGuardedWrite } from './guarded-write.ts';
import { definePagedList } from './paged-list.ts';
import { containsPattern, searchText } from './search-pattern.ts';

const templateName = z
  .string()
  .min(1)
  .max(BOUNDS.NAME_MAX)
  .regex(/^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/, 'letters, digits, . _ - only');
const meta = {
  displayName: text('DISPLAY_NAME_MAX').optional(),
  description: text('DESCRIPTION_MAX').optional(),
  icon: text('URL_MAX').optional(),
  requireActiveVersion: z.boolean().optional(),
  activeVersionId: id().optional(),
  /** Milliseconds of inactivity before a workspace turns dormant; 0 turns it off. */
  timeTilDormant: durationMs().optional(),
  /** Milliseconds a dormant workspace waits before deletion; 0 turns it off. */
  timeTilDormantAutodelete: durationMs().optional(),
};
const listFilter = z.object({
  organizationId: id().optional(),
  deleted: z.boolean().default(false),
  /** Names containing this text, case-insensitively. */
  search: searchText().optional(),
});

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(
    eq(templates.deleted, input.deleted),
    input.organizationId === undefined
      ? undefined
      : eq(templates.organizationId, input.organizationId),
    input.search === undefined ? undefined : ilike(templates.name, containsPattern(input.search)),
    where,
  );
}

/** Usage of one template over a time window, computed from its workspace builds. */
export interface TemplateInsights {
  readonly templateId: string;
  /** Start of the window (inclusive). */
  readonly since: Date;
  /** End of the window (exclusive). */
  readonly until: Date;
  /** Distinct users who initiated a build of the template in the window. */
  readonly activeUsers: number;
  /** Distinct workspaces built from the template in the window. */
  readonly workspaces: number;
  /** Builds of the template (any version) in the window. */
  readonly workspaceBuilds: number;
}

/** Queries over `templates`; list/count filters refer to `templates` columns. */
export function templatesQueries(db: Database) {
  const live = (templateId: string) =>
    and(eq(templates.id, templateId), eq(templates.deleted, false));
  const update = async (
    templateId: string,
    set: Patch<typeof templates.$inferInsert>,
    guard: SQL | undefined,
  ): Promise<Template> =>
    firstOrThrow(
      await db
        .update(templates)
        .set({ ...set, updatedAt: sql`now()` })
        .where(allOf(live(templateId), guard))
        .returning(),
      'template',
    );
  const paged = definePagedList({
    db,
    table: templates,
    filter: listFilter,
    where: filterWhere,
    orderBy: [asc(templates.name), asc(templates.id)],
  });
  return {
    /** The template with this id (soft-deleted ones included, `deleted` tells). */
    getTemplateById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<Template> =>
        firstOrThrow(
          await db.select().from(templates).where(eq(templates.id, input.id)),
          'template',
        ),
    ),

    /** The live template with this id, for starting a build (a deleted template cannot build). */
    getTemplateByIdForBuild: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<Template> =>
        firstOrThrow(await db.select().from(templates).where(live(input.id)), 'template'),
    ),

    /** The live template of an organization with this name, case-insensitively. */
    getTemplateByOrganizationAndName: defineQuery(
      z.object({ organizationId: id(), name: text('NAME_MAX').min(1) }),
      async (input): Promise<Template> =>
        firstOrThrow(
          await db
            .select()
            .from(templates)
            .where(
              and(
                eq(templates.organizationId, input.organizationId),
                sql`lower(${templates.name}) = lower(${input.name})`,
                eq(templates.deleted, false),
              ),
            ),
          'template',
        ),
    ),

    /** Templates by name: live ones unless `deleted: true`, optionally of one organization. */
    listTemplates: paged.list,

    /** How many templates match the same filters as `listTemplates`. */
    countTemplates: paged.count,

    /** Live templates whose versions were imported from this file (for file read rules). */
    listTemplatesUsingFile: defineList(
      z.object({ fileId: id(), ...paging }),
      async (input, where): Promise<Template[]> =>
        db
          .select()
          .from(templates)
          .where(
            allOf(
              eq(templates.deleted, false),
              exists(
                db
                  .select({ one: sql`1` })
                  .from(templateVersions)
                  .innerJoin(provisionerJobs, eq(provisionerJobs.id, templateVersions.jobId))
                  .where(
                    and(
                      eq(templateVersions.templateId, templates.id),
                      eq(provisionerJobs.fileId, input.fileId),
                    ),
                  ),
              ),
              where,
            ),
          )
          .orderBy(asc(templates.name), asc(templates.id))
          .limit(input.limit)
          .offset(input.offset),
    ),

    /**
     * Usage insights of a template over `[since, until)`: active users, workspaces and builds,
     * counted over builds of any of its versions (one statement; zeros for an unused template).
     */
    getTemplateInsights: defineQuery(
      z
        .object({ templateId: id(), since: date(), until: date() })
        .refine((w) => w.since.getTime() < w.until.getTime(), {
          message: 'since must be before until',
          path: ['until'],
        }),
      async (input): Promise<TemplateInsights> => {
        const [row] = await db
          .select({
            activeUsers: sql<number>`count(distinct ${workspaceBuilds.initiatorId})::int`,
            workspaces: sql<number>`count(distinct ${workspaceBuilds.workspaceId})::int`,
            workspaceBuilds: sql<number>`count(*)::int`,
          })
          .from(workspaceBuilds)
          .innerJoin(templateVersions, eq(templateVersions.id, workspaceBuilds.templateVersionId))
          .where(
            and(
              eq(templateVersions.templateId, input.templateId),
              gte(workspaceBuilds.createdAt, input.since),
              lt(workspaceBuilds.createdAt, input.until),
            ),
          );
        const { templateId, since, until } = input;
        return {
          templateId,
          since,
          until,
          activeUsers: 0,
          workspaces: 0,
          workspaceBuilds: 0,
          ...row,
        };
      },
    ),

    /** Inserts a template; ACLs default to empty maps. */
    insertTemplate: defineQuery(
      z.object({
        organizationId: id(),
        name: templateName,
        createdBy: id(),
        ...meta,
        userAcl: aclSchema.optional(),
        groupAcl: aclSchema.optional(),
      }),
      async (input): Promise<Template> =>
        firstOrThrow(await db.insert(templates).values(input).returning(), 'template'),
    ),

    /** Updates a live template's name, display fields, active version, version policy or dormancy TTLs; guarded. */
    updateTemplateMeta: defineGuardedWrite(
      z.object({ id: id(), name: templateName.optional(), ...meta }),
      async ({ id, ...set }, guard) => update(id, set, guard),
    ),

    /** Replaces a live template's user and group ACLs; guarded. */
    updateTemplateAcl: defineGuardedWrite(
      z.object({ id: id(), userAcl: aclSchema, groupAcl: aclSchema }),
      async ({ id, userAcl, groupAcl }, guard) => update(id, { userAcl, groupAcl }, guard),
    ),

    /** Soft-deletes a live template (its name becomes free again); guarded. */
    softDeleteTemplate: defineGuardedWrite(
      z.object({ id: id() }),
      async (input, guard): Promise<void> => {
        await update(input.id, { deleted: true }, guard);
      },
    ),
  };
}
