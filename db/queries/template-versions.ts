import { asc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../database.ts';
import { templateVersions } from '../schema/index.ts';
import type { TemplateVersion } from '../types.ts';
import { text } from './bounds.ts';
import { allOf, defineQuery, firstOrThrow, id } from './define.ts';
import { definePagedList } from './paged-list.ts';

const listFilter = z.object({ templateId: id() });

function filterWhere(input: z.output<typeof listFilter>, where: SQL | undefined) {
  return allOf(eq(templateVersions.templateId, input.templateId), where);
}

/** Queries over `template_versions`; list/count filters refer to its columns. */
export function templateVersionsQueries(db: Database) {
  const paged = definePagedList({
    db,
    table: templateVersions,
    filter: listFilter,
    where: filterWhere,
    orderBy: [asc(templateVersions.createdAt), asc(templateVersions.id)],
  });
  return {
    /** Inserts a version; `templateId` may be omitted for a version imported before its template. */
    insertTemplateVersion: defineQuery(
      z.object({
        templateId: id().optional(),
        organizationId: id(),
        name: text('NAME_MAX').min(1),
        message: text('PATH_MAX').optional(),
        readme: text('README_MAX').optional(),
        jobId: id(),
        createdBy: id(),
      }),
      async (input): Promise<TemplateVersion> =>
        firstOrThrow(
          await db.insert(templateVersions).values(input).returning(),
          'template version',
        ),
    ),

    /** The version with this id. */
    getTemplateVersionById: defineQuery(
      z.object({ id: id() }),
      async (input): Promise<TemplateVersion> =>
        firstOrThrow(
          await db.select().from(templateVersions).where(eq(templateVersions.id, input.id)),
          'template version',
        ),
    ),

    /** Versions of one template, oldest first. */
    listTemplateVersionsByTemplate: paged.list,

    /** How many versions one template has. */
    countTemplateVersionsByTemplate: paged.count,
  };
}
