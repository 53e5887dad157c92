import type { RawStore } from '../../../db/queries/index.ts';
import type { CallContext } from '../call-context.ts';
import { templateColumns } from '../columns/templates.ts';
import { aclGrantedActions } from '../objects/acl-grants.ts';
import { requireActorAttribution } from '../objects/require-actor.ts';
import { requireMatch } from '../objects/require-match.ts';
import { templateObject } from '../objects/template.ts';
import type { Declarations } from '../wrappers/declaration.ts';
import { fetchThenAuthorize } from '../wrappers/fetch-then-authorize.ts';
import { fetchThenMutate } from '../wrappers/fetch-then-mutate.ts';
import { filteredCount, filteredList } from '../wrappers/filtered-list.ts';
import { custom } from '../wrappers/ordered-checks.ts';

type UpdateMeta = RawStore['updateTemplateMeta'];
type InsertTemplate = Parameters<RawStore['insertTemplate']>;
type UpdateAcl = RawStore['updateTemplateAcl'];

/** The target template of a write, fetched by the input's `id` (a deleted one fails in the write). */
const templateById = (raw: RawStore, input: { id: string }) =>
  raw.getTemplateById({ id: input.id });

/**
 * Authorization of the `templates` area (domain.md: templates). Lists are filtered in SQL with the
 * user ACL, group ACL and the Everyone group (keyed by the org id). An ACL update needs `create` on
 * the template, as in Coder ("only users that can create the template may update the ACL"): the
 * catalogue gives `template` no `share` action, and `update` alone (e.g. an ACL grant of update)
 * must not let someone hand out access.
 */
export const templatesMethods = {
  /**
   * `create` on a template of the org; then a human actor must be `createdBy`, and an
   * `activeVersionId` must be a version of the same org not bound to any template yet (imported
   * for this one). A missing version is the same `ForbiddenError` as a foreign one.
   */
  insertTemplate: custom<
    RawStore,
    InsertTemplate[0],
    Awaited<ReturnType<RawStore['insertTemplate']>>
  >(async (ctx: CallContext<RawStore>, call, input) => {
    ctx.authorize('create', { type: 'template', org: input.organizationId });
    requireActorAttribution(ctx, 'createdBy', input.createdBy, 'create');
    if (input.activeVersionId !== undefined) {
      const version = await ctx.fetch(
        ctx.raw.getTemplateVersionById({ id: input.activeVersionId }),
        'create',
      );
      const fits = version.organizationId === input.organizationId && version.templateId === null;
      requireMatch(ctx, fits, 'create', {
        templateVersionId: version.id,
        versionOrg: version.organizationId,
        versionTemplateId: version.templateId,
        templateOrg: input.organizationId,
      });
    }
    return call(input);
  }),
  getTemplateById: fetchThenAuthorize('read', templateObject),
  getTemplateByIdForBuild: fetchThenAuthorize('read', templateObject),
  getTemplateByOrganizationAndName: fetchThenAuthorize('read', templateObject),
  listTemplates: filteredList('read', 'template', templateColumns),
  countTemplates: filteredCount('read', 'template', templateColumns),
  listTemplatesUsingFile: filteredList('read', 'template', templateColumns),
  /**
   * `update` on the template; a new `activeVersionId` must then be a version of THIS template
   * (looked up; a missing one or one of another template is a `ForbiddenError`).
   */
  updateTemplateMeta: custom<RawStore, Parameters<UpdateMeta>[0], Awaited<ReturnType<UpdateMeta>>>(
    async (ctx: CallContext<RawStore>, call, input) => {
      const template = await ctx.fetch(templateById(ctx.raw, input), 'update');
      ctx.authorize('update', templateObject(template));
      if (input.activeVersionId !== undefined) {
        const version = await ctx.fetch(
          ctx.raw.getTemplateVersionById({ id: input.activeVersionId }),
          'update',
        );
        requireMatch(ctx, version.templateId === template.id, 'update', {
          templateVersionId: version.id,
          templateId: version.templateId,
          expectedTemplateId: template.id,
        });
      }
      return call(input);
    },
  ),
  /**
   * `create` on the template, then each granted action on it: a writer hands out only what it
   * holds itself (as `updateWorkspaceAcl`). Only template actions are accepted (else
   * `invalid_input`, after the `create` check); `*` stands for every template action.
   */
  updateTemplateAcl: custom<RawStore, Parameters<UpdateAcl>[0], Awaited<ReturnType<UpdateAcl>>>(
    async (ctx: CallContext<RawStore>, call, input) => {
      const object = templateObject(await ctx.fetch(templateById(ctx.raw, input), 'create'));
      ctx.authorize('create', object);
      for (const action of aclGrantedActions('template', input, true)) {
        ctx.authorize(action, object);
      }
      return call(input);
    },
  ),
  softDeleteTemplate: fetchThenMutate(templateById, 'delete', templateObject),
} satisfies Declarations<RawStore>;
