import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { requireMatch } from '../objects/require-match.ts';
import { templateObject } from '../objects/template.ts';
import { templateVersionParent } from '../objects/template-version.ts';
import { authorizeParent } from '../wrappers/authorize-parent.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorizeVia } from '../wrappers/fetch-then-authorize-via.ts';
import { orderedChecks } from '../wrappers/ordered-checks.ts';

type Ctx = CallContext<RawStore>;

/** The parent template of a list, named by the input's `templateId`. */
const parentTemplate = async (input: { templateId: string }, ctx: Ctx) =>
  templateObject(await ctx.fetch(ctx.raw.getTemplateById({ id: input.templateId }), 'read'));

/**
 * Authorization of the `template versions` area (domain.md): a version is read and written
 * through its template (`read` / `update`); one imported before its template exists is checked as
 * a `template` in its org (`read`, and `create` to insert it, as in Coder).
 */
export const templateVersionsMethods = {
  /**
   * `create` on a template of the org (no template yet) or `update` on the template. The template
   * and the version's job must both be of the version's org: a mismatch is a `ForbiddenError`
   * (reason `mismatch`) before any check, the job looked up like the template.
   */
  insertTemplateVersion: orderedChecks(
    async (
      input: { templateId?: string | undefined; organizationId: string; jobId: string },
      ctx: Ctx,
    ) => {
      const template =
        input.templateId === undefined
          ? undefined
          : await parentTemplate({ templateId: input.templateId }, ctx);
      if (template !== undefined) {
        requireMatch(ctx, template.org === input.organizationId, 'update', template);
      }
      const job = await ctx.fetch(ctx.raw.getProvisionerJobById({ id: input.jobId }), 'read');
      requireMatch(ctx, job.organizationId === input.organizationId, 'update', {
        jobId: job.id,
        jobOrg: job.organizationId,
        versionOrg: input.organizationId,
      });
      return template === undefined
        ? [{ action: 'create', target: { type: 'template', org: input.organizationId } }]
        : [{ action: 'update', target: template }];
    },
  ),
  getTemplateVersionById: fetchThenAuthorizeVia('read', templateVersionParent),
  listTemplateVersionsByTemplate: authorizeParent('read', parentTemplate),
  countTemplateVersionsByTemplate: authorizeParent('read', parentTemplate),
} satisfies Declarations<RawStore>;
