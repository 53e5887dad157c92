import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { requireActorAttribution } from '../checks/require-actor.ts';
import { requireMatch } from '../checks/require-match.ts';
import { templateVersionParent } from '../resources/template-versions.ts';
import { templateObject } from '../resources/templates.ts';
import { authorizeParent } from '../wrappers/authorize-parent.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorizeVia } from '../wrappers/fetch-then-authorize-via.ts';
import { custom } from '../wrappers/ordered-checks.ts';

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
   * `create` on a template of the org (no template yet) or `update` on the template, decided
   * first. Then a human actor must be `createdBy`, the template must be of the version's org,
   * and the job a `template_version_import` job of that org (looked up; a missing job is the same
   * `ForbiddenError` as a foreign one, reason `mismatch` in the detail).
   */
  insertTemplateVersion: custom(async (ctx: Ctx, call, input) => {
    const template =
      input.templateId === undefined
        ? undefined
        : await parentTemplate({ templateId: input.templateId }, ctx);
    if (template === undefined) {
      ctx.authorize('create', { type: 'template', org: input.organizationId });
    } else {
      ctx.authorize('update', template);
      requireMatch(ctx, template.org === input.organizationId, 'update', template);
    }
    const action = template === undefined ? 'create' : 'update';
    requireActorAttribution(ctx, 'createdBy', input.createdBy, action);
    const job = await ctx.fetch(ctx.raw.getProvisionerJobById({ id: input.jobId }), action);
    const fits =
      job.organizationId === input.organizationId && job.type === 'template_version_import';
    requireMatch(ctx, fits, action, {
      jobId: job.id,
      jobOrg: job.organizationId,
      jobType: job.type,
      versionOrg: input.organizationId,
    });
    return call(input);
  }),
  getTemplateVersionById: fetchThenAuthorizeVia('read', templateVersionParent),
  listTemplateVersionsByTemplate: authorizeParent('read', parentTemplate),
  countTemplateVersionsByTemplate: authorizeParent('read', parentTemplate),
} satisfies Declarations<RawStore>;
